#include "workflownamedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

WorkflowNameDialog::WorkflowNameDialog(const QString &title, const QString &label,
                                       const QString &initial, Validator validator,
                                       QWidget *parent)
    : QDialog(parent)
    , m_validator(std::move(validator))
    , m_edit(new QLineEdit(initial, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("workflowNameDialog"));
    auto *prompt = new QLabel(label, this);
    prompt->setBuddy(m_edit);
    prompt->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("workflowNameEdit"));
    m_edit->setAccessibleName(tr("Workflow name"));
    m_edit->setAccessibleDescription(label);
    m_edit->selectAll();
    m_problem->setObjectName(QStringLiteral("workflowNameProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Why the name cannot be used"));
    m_problem->setAccessibleDescription(
        tr("Says why the name typed above is refused; empty when it can be used"));
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_problem->setPalette(palette);
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Uses the name typed above"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleDescription(
        tr("Closes this dialog and changes nothing"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_edit);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &WorkflowNameDialog::check);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    check();
}

QString WorkflowNameDialog::name() const
{
    return m_edit->text();
}

QString WorkflowNameDialog::problem() const
{
    return m_problem->text();
}

void WorkflowNameDialog::check()
{
    const QString reason = m_validator ? m_validator(m_edit->text()) : QString();
    m_problem->setText(reason);
    m_problem->setVisible(!reason.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(reason.isEmpty());
}

std::optional<QString> WorkflowNameDialog::ask(QWidget *parent, const QString &title,
                                               const QString &label, const QString &initial,
                                               const Validator &validator)
{
    WorkflowNameDialog dialog(title, label, initial, validator, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.name();
}
