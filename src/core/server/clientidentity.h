#pragma once

#include <QString>

#include <memory>

class QLockFile;
class QSettings;

// The ComfyUI client id this process speaks under, claimed for as long as the object lives.
//
// ComfyUI routes a prompt's progress only to the websocket whose clientId matches the
// prompt's client_id, so an id must survive restarts (progress of a prompt queued before a
// restart still reaches us). But ComfyUI keeps ONE socket per id: a second live process
// under the same id (the GUI and a headless service of one user) takes the socket over, and
// when it leaves, the first one's socket stays open but hears nothing ("deaf").
//
// So the installation keeps a small pool of ids in QSettings, and each process claims the
// first id no live process holds (a QLockFile beside the settings file; a crashed holder's
// lock is recognised as stale). The first process always gets the same id; a second one
// gets the second, and so on.
class ClientIdentity final
{
public:
    explicit ClientIdentity(QSettings &settings);
    ~ClientIdentity();
    ClientIdentity(const ClientIdentity &) = delete;
    ClientIdentity &operator=(const ClientIdentity &) = delete;

    QString id() const { return m_id; }
    // False when no lock could be taken (e.g. the settings folder is read-only): the id is
    // then a fresh one, used by this process only.
    bool isClaimed() const;

    static QString settingsKey();   // the pool: a list of ids, first claimed first
    static constexpr int MaxPoolSize = 16;
    // True for a value we would send: non-empty, no whitespace or control characters
    // and not absurdly long (it travels in a URL query and in every prompt).
    static bool isUsable(const QString &id);

private:
    QString m_id;
    std::unique_ptr<QLockFile> m_lock;
};
