#include "clientidentity.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>
#include <QUuid>

namespace {

// Before id pools, one id was stored under this key: it becomes the pool's first.
const QString LegacyKey = QStringLiteral("comfyui/clientId");

QString lockPath(const QSettings &settings, const QString &id)
{
    const QString folder = QFileInfo(settings.fileName()).absolutePath();
    QDir().mkpath(folder);
    return folder + QStringLiteral("/client-%1.lock").arg(id);
}

std::unique_ptr<QLockFile> tryClaim(const QSettings &settings, const QString &id)
{
    auto lock = std::make_unique<QLockFile>(lockPath(settings, id));
    // Only a dead holder makes a lock stale, never its age: a service runs for months.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

} // namespace

ClientIdentity::ClientIdentity(QSettings &settings)
{
    QStringList pool;
    for (const QString &id : settings.value(settingsKey()).toStringList()) {
        if (isUsable(id) && !pool.contains(id))
            pool.append(id);
    }
    const QString legacy = settings.value(LegacyKey).toString();
    if (isUsable(legacy) && !pool.contains(legacy))
        pool.prepend(legacy);

    for (const QString &id : std::as_const(pool)) {
        if ((m_lock = tryClaim(settings, id))) {
            m_id = id;
            break;
        }
    }
    if (m_id.isEmpty()) {
        m_id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_lock = tryClaim(settings, m_id);
        // A full pool means many processes at once: this one's id is not worth keeping.
        if (m_lock && pool.size() < MaxPoolSize)
            pool.append(m_id);
    }
    if (pool != settings.value(settingsKey()).toStringList()) {
        settings.setValue(settingsKey(), pool);
        settings.remove(LegacyKey);
        settings.sync();
    }
}

ClientIdentity::~ClientIdentity() = default;

bool ClientIdentity::isClaimed() const
{
    return m_lock != nullptr;
}

QString ClientIdentity::settingsKey()
{
    return QStringLiteral("comfyui/clientIds");
}

bool ClientIdentity::isUsable(const QString &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char('/')
            || c == QLatin1Char('\\')) {
            return false;
        }
    }
    return true;
}
