#include "covers/fetchcoversjob.h"

#include "core/futurecallback.h"
#include "covers/coverfetcher.h"
#include "store/albumstore.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QtConcurrent>

Q_DECLARE_LOGGING_CATEGORY(lcCovers)

namespace aime {

namespace {

struct Batch
{
    QList<AlbumSummary> albums;
    int left = -1; // albums still without a cover after the batch's start
    QString error;
};

} // namespace

FetchCoversJob::FetchCoversJob(AlbumStore *store, QThreadPool *pool, CoverFetcher *fetcher,
                               ImportJobRecord record, QObject *parent)
    : ImportJob(store, pool, std::move(record), parent), m_fetcher(fetcher)
{
    if (!m_fetcher)
        return;
    connect(m_fetcher, &CoverFetcher::coverReady, this,
            [this](qint64 albumId, const QString &path) { settled(albumId, path); });
    connect(m_fetcher, &CoverFetcher::coverMissing, this,
            [this](qint64 albumId, const QString &) { settled(albumId, {}); });
    // A cancelled job's requests would otherwise keep downloads alive that the grid abandons.
    connect(this, &ImportJob::finished, this, [this] {
        for (const qint64 albumId : std::as_const(m_pending))
            m_fetcher->cancel(albumId, this);
        m_pending.clear();
    });
}

QString FetchCoversJob::phase() const
{
    return tr("covers");
}

void FetchCoversJob::run()
{
    if (!m_fetcher) {
        fail(tr("Covers cannot be fetched here."));
        return;
    }
    nextBatch();
}

void FetchCoversJob::nextBatch()
{
    AlbumStore *store = this->store();
    const qint64 after = record().cursor.value(QStringLiteral("after")).toInteger();
    onFinished(QtConcurrent::run(pool(),
                                 [store, after] {
                                     Batch batch;
                                     batch.albums = store->albumsWithoutCover(after, batchSize,
                                                                              &batch.error);
                                     return batch;
                                 }),
               this, [this](const Batch &batch) {
                   if (stopping())
                       return;
                   if (!batch.error.isEmpty()) {
                       fail(batch.error);
                       return;
                   }
                   if (batch.albums.isEmpty()) {
                       const int missing = record().cursor.value(QStringLiteral("missing")).toInt();
                       complete(missing == 0
                                    ? QString()
                                    : tr("%n album(s) have no cover anywhere.", nullptr, missing));
                       return;
                   }
                   m_found.clear();
                   m_pending.clear();
                   m_missingInBatch = 0;
                   m_batchSize = int(batch.albums.size());
                   m_batchEnd = batch.albums.last().id;
                   for (const AlbumSummary &album : batch.albums)
                       m_pending.insert(album.id);
                   for (const AlbumSummary &album : batch.albums) {
                       CoverRequest request;
                       request.albumId = album.id;
                       request.providerImage = QUrl(album.coverUrl);
                       request.musicBrainzRelease = album.musicBrainzRelease;
                       request.size = 500;
                       request.background = true;
                       m_fetcher->request(request, this);
                   }
               });
}

void FetchCoversJob::settled(qint64 albumId, const QString &path)
{
    if (!isRunning() || stopping() || !m_pending.remove(albumId))
        return;
    if (path.isEmpty())
        ++m_missingInBatch;
    else
        m_found.insert(albumId, path);
    if (!m_pending.isEmpty())
        return;
    QList<std::pair<qint64, QString>> files;
    for (auto it = m_found.cbegin(); it != m_found.cend(); ++it)
        files.append({it.key(), it.value()});
    QJsonObject cursor {
        {QStringLiteral("after"), m_batchEnd},
        {QStringLiteral("missing"),
         record().cursor.value(QStringLiteral("missing")).toInt() + m_missingInBatch}};
    commitWith(
        [files](AlbumStore *store, const JobCheckpoint &checkpoint) {
            const QString error = store->setCoverFiles(files, &checkpoint);
            if (!error.isEmpty())
                return error;
            // A file the disk cache evicted before this commit was forgotten when no album named
            // it yet; one evicted after this look is forgotten by the cache's own removal.
            QStringList gone;
            for (const auto &[albumId, path] : files) {
                if (!QFileInfo::exists(path))
                    gone.append(path);
            }
            if (!gone.isEmpty()) {
                const QString forgetError = store->forgetCoverFiles(gone);
                if (!forgetError.isEmpty())
                    qCWarning(lcCovers).noquote() << forgetError;
            }
            return QString();
        },
        cursor, record().done + m_batchSize, 0, [this] { nextBatch(); });
}

} // namespace aime
