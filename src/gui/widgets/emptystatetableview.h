#pragma once

#include <QTableView>

// A table that says something when it has no rows ("nothing yet", "no match") instead of
// showing a blank grid; the text is the caller's.
class EmptyStateTableView final : public QTableView
{
    Q_OBJECT
public:
    explicit EmptyStateTableView(QWidget *parent = nullptr);

    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }
    bool isShowingEmptyText() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_emptyText;
};
