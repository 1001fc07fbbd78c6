#include "imagefetcher.h"

#include "catalogue.h"
#include "cataloguerecorder.h"
#include "comfyconnection.h"
#include "serverregistry.h"

ImageFetcher::ImageFetcher(Catalogue &catalogue, ServerRegistry &servers, QObject *parent)
    : QObject(parent)
    , m_catalogue(catalogue)
    , m_servers(servers)
{
}

void ImageFetcher::enqueue(const QString &server, const QList<CatalogueImage> &images)
{
    for (const CatalogueImage &image : images) {
        if (image.rowId == 0 || m_seen.contains(image.rowId))
            continue;
        m_seen.insert(image.rowId);
        m_queue.push_back({server, image});
    }
    pump();
}

void ImageFetcher::catchUp(const QString &server)
{
    m_catalogue.imagesToFetch(server, 500, this,
                              [this, server](const QList<CatalogueImage> &images) {
        enqueue(server, images);
    });
}

void ImageFetcher::pump()
{
    while (m_inFlight < MaxInFlight && !m_queue.empty()) {
        const Job job = m_queue.front();
        m_queue.pop_front();
        ComfyConnection *connection = nullptr;
        for (ComfyConnection *candidate : m_servers.connections()) {
            if (CatalogueRecorder::serverKey(*candidate) == job.server)
                connection = candidate;
        }
        if (!connection)
            continue;   // a server no longer in use: its images wait for the next run
        ++m_inFlight;
        ComfyReply *reply = connection->client().view(job.image.filename, job.image.subfolder,
                                                      job.image.type);
        connect(reply, &ComfyReply::finished, this, [this, reply, job] {
            --m_inFlight;
            // A file ComfyUI no longer has stays uncached; nothing more can be done.
            if (reply->ok() && !reply->data().isEmpty())
                m_catalogue.storeImage(job.image.rowId, reply->data());
            pump();
        });
    }
    if (m_inFlight == 0 && m_queue.empty())
        Q_EMIT idle();
}
