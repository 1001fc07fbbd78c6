#pragma once

#include <QSortFilterProxyModel>

// Filters workflow names by what the user types, in any script: case-insensitive (full
// Unicode case folding), accent-insensitive ("cafe" finds "Café") and width-insensitive
// (a full-width "ｓｄ" finds "sd"), a plain substring match otherwise (so "猫" finds
// "猫咪"). Keeps the source order.
class WorkflowFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit WorkflowFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    // The form both sides are compared in.
    static QString fold(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_folded;
};
