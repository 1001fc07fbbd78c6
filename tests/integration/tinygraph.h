#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// The smallest graph that saves an image (8×8, one colour), for tests that need real
// prompts with real images from the simulator; color makes each one different, prefix
// names the files after the test that made them.
inline QJsonObject tinyGraph(int color, const QString &prefix)
{
    const QJsonObject image{{QStringLiteral("class_type"), QStringLiteral("EmptyImage")},
                            {QStringLiteral("inputs"),
                             QJsonObject{{QStringLiteral("width"), 8},
                                         {QStringLiteral("height"), 8},
                                         {QStringLiteral("batch_size"), 1},
                                         {QStringLiteral("color"), color}}}};
    const QJsonObject save{{QStringLiteral("class_type"), QStringLiteral("SaveImage")},
                           {QStringLiteral("inputs"),
                            QJsonObject{{QStringLiteral("images"), QJsonArray{"1", 0}},
                                        {QStringLiteral("filename_prefix"), prefix}}}};
    return {{QStringLiteral("1"), image}, {QStringLiteral("2"), save}};
}
