#include "covers/coverfetcher.h"

#include "core/futurecallback.h"
#include "covers/coverdiskcache.h"
#include "covers/imageclient.h"
#include "providers/discogsclient.h"
#include "providers/gatereply.h"

#include <QtConcurrent>

#include <algorithm>

namespace aime {

CoverFetcher::CoverFetcher(CoverDiskCache *cache, QThreadPool *pool, ImageClient *images,
                           ImageClient *coverArt, DiscogsClient *discogs, QUrl coverArtBase,
                           QObject *parent)
    : QObject(parent),
      m_cache(cache),
      m_pool(pool),
      m_images(images),
      m_coverArt(coverArt),
      m_discogs(discogs),
      m_coverArtBase(std::move(coverArtBase))
{ }

CoverFetcher::~CoverFetcher()
{
    for (Active &active : m_active) {
        if (active.reply)
            active.reply->cancel();
    }
}

bool CoverFetcher::isWaiting(qint64 albumId) const
{
    return std::any_of(
        m_waiting.cbegin(), m_waiting.cend(),
        [albumId](const CoverRequest &waiting) { return waiting.albumId == albumId; });
}

void CoverFetcher::request(const CoverRequest &request, const QObject *requester)
{
    m_requesters[request.albumId].insert(requester);
    const auto active = m_active.find(request.albumId);
    if (active != m_active.end()) {
        // A job's 500 px request joining the grid's 250 px one gets its size from the archive,
        // unless the archive is already being asked.
        if (active->source < 1)
            active->request.size = qMax(active->request.size, request.size);
        // The grid joining a job's download: a person waits for it now.
        if (active->request.background && !request.background) {
            active->request.background = false;
            if (active->reply)
                active->reply->setPriority(GatePriority::Interactive);
        }
        return;
    }
    CoverRequest next = request;
    const auto waiting
        = std::find_if(m_waiting.begin(), m_waiting.end(), [&](const CoverRequest &queued) {
              return queued.albumId == request.albumId;
          });
    if (waiting != m_waiting.end()) {
        next.size = qMax(next.size, waiting->size);
        next.background = next.background && waiting->background;
        m_waiting.erase(waiting);
    }
    m_waiting.push_front(next);
    pump();
}

void CoverFetcher::cancel(qint64 albumId, const QObject *requester)
{
    const auto requesters = m_requesters.find(albumId);
    if (requesters != m_requesters.end()) {
        requesters->remove(requester);
        if (!requesters->isEmpty())
            return;
        m_requesters.erase(requesters);
    }
    std::erase_if(m_waiting,
                  [albumId](const CoverRequest &waiting) { return waiting.albumId == albumId; });
    const auto active = m_active.find(albumId);
    if (active == m_active.end())
        return;
    QPointer<GateReply> reply = active->reply;
    m_active.erase(active);
    // Its answer, cancelled, finds no active entry and is dropped.
    if (reply)
        reply->cancel();
    pump();
}

void CoverFetcher::pump()
{
    while (m_active.size() < maxActive && !m_waiting.empty()) {
        const int background
            = int(std::count_if(m_active.cbegin(), m_active.cend(),
                                [](const Active &active) { return active.request.background; }));
        // Newest first; a background request only while places are left for the grid's.
        auto chosen = m_waiting.begin();
        if (background >= maxActive - reservedForInteractive) {
            chosen = std::find_if(m_waiting.begin(), m_waiting.end(),
                                  [](const CoverRequest &waiting) { return !waiting.background; });
            if (chosen == m_waiting.end())
                return;
        }
        const CoverRequest next = *chosen;
        m_waiting.erase(chosen);
        Active active;
        active.request = next;
        active.source = -1;
        m_active.insert(next.albumId, active);
        tryNext(next.albumId);
    }
}

void CoverFetcher::prioritize(const Active &active)
{
    if (active.reply && active.request.background)
        active.reply->setPriority(GatePriority::Background);
}

void CoverFetcher::tryNext(qint64 albumId)
{
    auto it = m_active.find(albumId);
    if (it == m_active.end())
        return;
    Active &active = *it;
    const auto answer = [this, albumId](const QUrl &source) {
        return [self = QPointer(this), albumId, source](const ParseResult<QByteArray> &result) {
            if (!self)
                return;
            auto entry = self->m_active.find(albumId);
            if (entry == self->m_active.end())
                return; // cancelled meanwhile
            if (!result.ok()) {
                entry->lastError = result.error;
                self->tryNext(albumId);
                return;
            }
            self->fetched(albumId, source, *result.value);
        };
    };
    while (++active.source <= 1) {
        QUrl url;
        if (active.source == 0 && active.request.providerImage.isValid()
            && !active.request.providerImage.isEmpty()) {
            url = active.request.providerImage;
            // Discogs serves its images only with the token, through its own gate.
            const bool discogs = m_discogs && m_discogs->mayFetchImage(url);
            // A cached copy of this address is used as it is.
            const QString cached = m_cache->lookup(url.toString());
            if (!cached.isEmpty()) {
                const QString path = cached;
                finish(albumId);
                Q_EMIT coverReady(albumId, path);
                return;
            }
            active.reply
                = discogs ? m_discogs->image(url, answer(url)) : m_images->image(url, answer(url));
            prioritize(active);
            return;
        }
        if (active.source == 1 && !active.request.musicBrainzRelease.isEmpty() && m_coverArt) {
            url = ImageClient::coverArtFront(m_coverArtBase, active.request.musicBrainzRelease,
                                             active.request.size);
            const QString cached = m_cache->lookup(url.toString());
            if (!cached.isEmpty()) {
                const QString path = cached;
                finish(albumId);
                Q_EMIT coverReady(albumId, path);
                return;
            }
            active.reply = m_coverArt->image(url, answer(url));
            prioritize(active);
            return;
        }
    }
    const QString why = active.lastError.isEmpty() ? tr("No source has a cover for this album.")
                                                   : active.lastError;
    finish(albumId);
    Q_EMIT coverMissing(albumId, why);
}

void CoverFetcher::fetched(qint64 albumId, const QUrl &source, const QByteArray &bytes)
{
    CoverDiskCache *cache = m_cache;
    const QString key = source.toString();
    onFinished(QtConcurrent::run(m_pool,
                                 [cache, key, bytes] {
                                     QString error;
                                     const QString path = cache->store(key, bytes, &error);
                                     return std::make_pair(path, error);
                                 }),
               this, [this, albumId](const std::pair<QString, QString> &stored) {
                   if (!m_active.contains(albumId))
                       return;
                   finish(albumId);
                   if (stored.first.isEmpty())
                       Q_EMIT coverMissing(albumId, stored.second);
                   else
                       Q_EMIT coverReady(albumId, stored.first);
               });
}

void CoverFetcher::finish(qint64 albumId)
{
    m_active.remove(albumId);
    m_requesters.remove(albumId);
    // The next one goes out from the event loop, not from inside a reply's handler.
    QMetaObject::invokeMethod(this, &CoverFetcher::pump, Qt::QueuedConnection);
}

} // namespace aime
