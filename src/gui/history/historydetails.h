#pragma once

#include <QJsonObject>
#include <QString>

struct CatalogueEntry;

// The details pane's text for one catalogued prompt (HTML): its parameters, what differs
// from its workflow file (highlighted, so "what did I change for this one?" is answered at
// a glance), its images and its error. workflowGraph is the file's graph now, or empty when
// the file is gone (then only the parameters are listed).
namespace HistoryDetails {
QString html(const CatalogueEntry &entry, const QJsonObject &workflowGraph);

struct Difference
{
    QString node;       // node id
    QString title;      // _meta.title or class_type
    QString input;
    QString fileValue;  // empty: not in the file
    QString runValue;   // empty: not in the run
};
// The literal inputs of the run's graph that differ from the file's (links are ignored).
QList<Difference> differences(const QJsonObject &runGraph, const QJsonObject &fileGraph);
}
