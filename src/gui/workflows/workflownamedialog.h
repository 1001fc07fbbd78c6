#pragma once

#include <QDialog>

#include <functional>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks for a workflow name (rename, duplicate). The check runs as the user types: a refused
// name shows why under the field and OK stays disabled, so the dialog never closes on a
// name the store would refuse.
class WorkflowNameDialog final : public QDialog
{
    Q_OBJECT
public:
    // Returns why a name cannot be used, or an empty string when it can.
    using Validator = std::function<QString(const QString &name)>;

    WorkflowNameDialog(const QString &title, const QString &label, const QString &initial,
                       Validator validator, QWidget *parent = nullptr);

    QString name() const;
    QString problem() const; // the reason shown, empty when the name is fine

    // Runs the dialog; nullopt when cancelled.
    static std::optional<QString> ask(QWidget *parent, const QString &title,
                                      const QString &label, const QString &initial,
                                      const Validator &validator);

private:
    void check();

    Validator m_validator;
    QLineEdit *m_edit;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};
