#include "clientidentity.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

// Two live processes of one user must never speak under one ComfyUI client id (ComfyUI
// keeps one socket per id: the other one goes deaf), and one process alone must get the
// same id on every start (progress of prompts queued before a restart still reaches it).
class TestClientIdentity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("comfydesk.ini")); }

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); QFile::remove(settingsPath()); }

    void oneProcessKeepsItsIdAcrossRuns()
    {
        QString first;
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            const ClientIdentity identity(settings);
            QVERIFY(identity.isClaimed());
            first = identity.id();
            QVERIFY(ClientIdentity::isUsable(first));
            QCOMPARE(first.size(), 36); // uuid4 with dashes, no braces
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        const ClientIdentity again(settings);
        QCOMPARE(again.id(), first);
    }

    void twoLiveClaimsNeverShareAnId()
    {
        QSettings settingsA(settingsPath(), QSettings::IniFormat);
        QSettings settingsB(settingsPath(), QSettings::IniFormat);
        auto gui = std::make_unique<ClientIdentity>(settingsA);
        const ClientIdentity headless(settingsB);
        QVERIFY(gui->isClaimed());
        QVERIFY(headless.isClaimed());
        QVERIFY(gui->id() != headless.id());
        const QString guiId = gui->id();

        // The first one ends; the next start takes its id again, not a third one.
        gui.reset();
        QSettings settingsC(settingsPath(), QSettings::IniFormat);
        const ClientIdentity restarted(settingsC);
        QCOMPARE(restarted.id(), guiId);
        QCOMPARE(QSettings(settingsPath(), QSettings::IniFormat)
                     .value(ClientIdentity::settingsKey()).toStringList().size(), 2);
    }

    void theOldSingleIdIsKeptFirst()
    {
        const QString legacy = QStringLiteral("0b7f3c9e-1111-4a4a-9c9c-123456789abc");
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            settings.setValue(QStringLiteral("comfyui/clientId"), legacy);
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        const ClientIdentity identity(settings);
        QCOMPARE(identity.id(), legacy);
    }

    void unusableStoredIdsAreSkipped()
    {
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            settings.setValue(ClientIdentity::settingsKey(),
                              QStringList{QStringLiteral("has space"), QStringLiteral("a/b"),
                                          QString(200, QLatin1Char('x'))});
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        const ClientIdentity identity(settings);
        QVERIFY(ClientIdentity::isUsable(identity.id()));
        QCOMPARE(identity.id().size(), 36);
    }

    void otherInstallationsHaveOtherIds()
    {
        QTemporaryDir other;
        QSettings here(settingsPath(), QSettings::IniFormat);
        QSettings elsewhere(other.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
        const ClientIdentity a(here);
        const ClientIdentity b(elsewhere);
        QVERIFY(a.id() != b.id());
    }
};

QTEST_GUILESS_MAIN(TestClientIdentity)

#include "tst_clientidentity.moc"
