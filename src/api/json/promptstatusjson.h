#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

class ComfyClient;
struct ImageRef;
struct PromptStatus;

// The task status body, shared by task_status, the ?wait answer, the image list and the
// events socket, so every route describes a prompt in the same words.
class PromptStatusJson final
{
public:
    // <origin>/api/image/<prompt_id>/<index>: where a caller fetches the bytes from us.
    static QString imageApiUrl(const QString &origin, const QString &promptId, int index);
    static QJsonObject image(const ImageRef &image, const QString &promptId, int index,
                             const QString &origin, const ComfyClient &client);
    static QJsonArray images(const PromptStatus &status, const QString &origin,
                             const ComfyClient &client);

    // The body of GET /api/task_status/<id> for this status.
    static QJsonObject status(const PromptStatus &status, const QString &origin,
                              const ComfyClient &client);
};
