#pragma once

#include "nodecatalogueissue.h"
#include "nodeclass.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QStringList>

// The node classes a ComfyUI server offers, typed (see NodeCatalogueParser). A value:
// copies are cheap (implicitly shared lists) and may cross threads.
class NodeCatalogue final
{
public:
    bool isEmpty() const { return m_nodes.isEmpty(); }
    qsizetype size() const { return m_nodes.size(); }
    bool contains(const QString &className) const { return m_index.contains(className); }
    // nullptr for an unknown class; valid while this catalogue lives unchanged.
    const NodeClass *node(const QString &className) const;
    // Sorted by class name.
    const QList<NodeClass> &nodes() const { return m_nodes; }
    QStringList classNames() const;
    QStringList categories() const; // distinct, sorted

    // What was skipped or only partly understood; empty for a clean answer.
    const QList<NodeCatalogueIssue> &issues() const { return m_issues; }
    bool hasIssue(NodeCatalogueIssue::Code code) const;

    // Building (the parser). A class added twice replaces the first.
    void addNode(const NodeClass &node);
    void addIssue(const NodeCatalogueIssue &issue) { m_issues.append(issue); }

private:
    QList<NodeClass> m_nodes;
    QHash<QString, qsizetype> m_index;
    QList<NodeCatalogueIssue> m_issues;
};

Q_DECLARE_METATYPE(NodeCatalogue)
