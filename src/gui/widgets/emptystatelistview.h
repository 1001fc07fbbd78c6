#pragma once

#include <QListView>

// A list that says why it is empty ("Nothing queued", "Offline: ...") where its rows
// would be, instead of showing a blank box that looks broken.
class EmptyStateListView final : public QListView
{
    Q_OBJECT
public:
    explicit EmptyStateListView(QWidget *parent = nullptr);

    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }
    bool isShowingEmptyText() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_emptyText;
};
