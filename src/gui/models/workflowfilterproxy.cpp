#include "workflowfilterproxy.h"

#include "workflowlistmodel.h"

WorkflowFilterProxy::WorkflowFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

QString WorkflowFilterProxy::fold(const QString &text)
{
    // Compatibility decomposition splits "é" into "e" + a combining accent and maps
    // full-width forms to their plain letters; dropping the marks leaves the base letters.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString stripped;
    stripped.reserve(decomposed.size());
    for (const QChar ch : decomposed) {
        const QChar::Category category = ch.category();
        if (category != QChar::Mark_NonSpacing && category != QChar::Mark_Enclosing)
            stripped.append(ch);
    }
    return stripped.toCaseFolded();
}

void WorkflowFilterProxy::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_folded = fold(text.trimmed());
    invalidateFilter();
}

bool WorkflowFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_folded.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return fold(index.data(WorkflowListModel::NameRole).toString()).contains(m_folded);
}
