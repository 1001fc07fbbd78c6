#pragma once

#include "catalogueentry.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>

class Catalogue;
class ServerRegistry;

// Brings the originals of finished prompts' images into the catalogue's cache: fetched
// from their server's /view a couple at a time (an import of a long history must not
// flood ComfyUI), newest first, each once; the catalogue writes them to disk.
class ImageFetcher final : public QObject
{
    Q_OBJECT
public:
    ImageFetcher(Catalogue &catalogue, ServerRegistry &servers, QObject *parent = nullptr);

    void enqueue(const QString &server, const QList<CatalogueImage> &images);
    // Asks the catalogue for images of this server not cached yet (after an import).
    void catchUp(const QString &server);
    int queued() const { return int(m_queue.size()); }

    static constexpr int MaxInFlight = 2;

Q_SIGNALS:
    void idle();

private:
    struct Job
    {
        QString server;
        CatalogueImage image;
    };
    void pump();

    Catalogue &m_catalogue;
    ServerRegistry &m_servers;
    std::deque<Job> m_queue;
    QSet<qint64> m_seen;    // image rows queued or fetched in this run (fetched once)
    int m_inFlight = 0;
};
