#pragma once

#include <QString>

class QSettings;

// The one ComfyUI client id of this installation. ComfyUI routes a prompt's progress
// only to the websocket whose clientId matches the prompt's client_id, so the id must
// survive restarts: it is made once (uuid4) and kept in QSettings.
class ClientIdentity final
{
public:
    // The id stored in settings; made and stored on first use (or when the stored
    // value is unusable).
    static QString clientId(QSettings &settings);
    // Same, with the application's default QSettings.
    static QString clientId();

    static QString settingsKey();
    // True for a value we would send: non-empty, no whitespace or control characters
    // and not absurdly long (it travels in a URL query and in every prompt).
    static bool isUsable(const QString &id);
};
