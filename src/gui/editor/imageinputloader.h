#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class ComfyClient;
class ImageInputWidget;
class InputField;

// The network and disk side of image inputs: uploads a chosen file (read and decoded to a
// thumbnail in a pool thread, then POST /upload/image) and shows the server's copy of the
// chosen file as a thumbnail (GET /view, decoded scaled in a pool thread).
class ImageInputLoader final : public QObject
{
    Q_OBJECT
public:
    explicit ImageInputLoader(QObject *parent = nullptr);

    void setClient(ComfyClient *client);
    ComfyClient *client() const;

    // On success selects the server's name for the file in widget (which edits the
    // field's value); a failure is shown on the field.
    void upload(InputField *field, ImageInputWidget *widget, const QString &path);
    // stillCurrent is asked before showing: the input may hold another file by then.
    void fetchThumbnail(ImageInputWidget *widget, const QString &value,
                        const std::function<bool()> &stillCurrent);

private:
    QPointer<ComfyClient> m_client;
};
