#pragma once

#include <QListView>

// The list of workflows. When it has no rows it paints a hint in its middle (what to do
// next, or that the filter matches nothing) instead of leaving a blank panel; the hint is
// also its accessible description then, since a screen reader cannot see paint.
class WorkflowListView final : public QListView
{
    Q_OBJECT
public:
    explicit WorkflowListView(QWidget *parent = nullptr);

    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }
    // True when the hint is what the user sees: no rows, and a text to show.
    bool isShowingEmptyText() const;

    void setDescription(const QString &description);
    void setModel(QAbstractItemModel *model) override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateDescription();

    QList<QMetaObject::Connection> m_modelConnections;
    QString m_emptyText;
    QString m_description;
};
