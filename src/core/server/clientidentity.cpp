#include "clientidentity.h"

#include <QSettings>
#include <QUuid>

QString ClientIdentity::settingsKey()
{
    return QStringLiteral("comfyui/clientId");
}

bool ClientIdentity::isUsable(const QString &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

QString ClientIdentity::clientId(QSettings &settings)
{
    const QString stored = settings.value(settingsKey()).toString();
    if (isUsable(stored))
        return stored;
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    settings.setValue(settingsKey(), id);
    settings.sync();
    return id;
}

QString ClientIdentity::clientId()
{
    QSettings settings;
    return clientId(settings);
}
