#include "nodecatalogue.h"

#include <QSet>

#include <algorithm>

const NodeClass *NodeCatalogue::node(const QString &className) const
{
    const auto it = m_index.constFind(className);
    return it == m_index.cend() ? nullptr : &m_nodes.at(it.value());
}

QStringList NodeCatalogue::classNames() const
{
    QStringList names;
    names.reserve(m_nodes.size());
    for (const NodeClass &node : m_nodes)
        names.append(node.name);
    return names;
}

QStringList NodeCatalogue::categories() const
{
    QSet<QString> seen;
    for (const NodeClass &node : m_nodes)
        seen.insert(node.category);
    QStringList result(seen.cbegin(), seen.cend());
    result.sort();
    return result;
}

bool NodeCatalogue::hasIssue(NodeCatalogueIssue::Code code) const
{
    return std::any_of(m_issues.cbegin(), m_issues.cend(),
                       [code](const NodeCatalogueIssue &issue) { return issue.code == code; });
}

void NodeCatalogue::addNode(const NodeClass &node)
{
    const auto existing = m_index.constFind(node.name);
    if (existing != m_index.cend()) {
        m_nodes[existing.value()] = node;
        return;
    }
    // Kept sorted so nodes() needs no sorting by the views; classes arrive sorted from the
    // parser, so this is an append in practice.
    const auto at = std::lower_bound(m_nodes.begin(), m_nodes.end(), node.name,
                                     [](const NodeClass &a, const QString &name) {
                                         return a.name < name;
                                     });
    const qsizetype position = at - m_nodes.begin();
    m_nodes.insert(position, node);
    if (position == m_nodes.size() - 1) {
        m_index.insert(node.name, position);
        return;
    }
    m_index.clear();
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        m_index.insert(m_nodes.at(i).name, i);
}
