#include "import/discogscollectionimport.h"

#include "core/futurecallback.h"
#include "providers/discogsclient.h"
#include "store/albumstore.h"

#include <QtConcurrent>

#include <memory>

namespace aime {

namespace {

const QString phaseKey = QStringLiteral("phase");
const QString collectionPhase = QStringLiteral("collection");
const QString detailsPhase = QStringLiteral("details");

} // namespace

DiscogsCollectionImport::DiscogsCollectionImport(AlbumStore *store, QThreadPool *pool,
                                                 DiscogsClient *client, ImportJobRecord record,
                                                 QObject *parent)
    : ImportJob(store, pool, std::move(record), parent), m_client(client)
{ }

QString DiscogsCollectionImport::phase() const
{
    return record().cursor.value(phaseKey).toString() == detailsPhase ? tr("release details")
                                                                      : tr("collection");
}

void DiscogsCollectionImport::run()
{
    const QJsonObject &cursor = record().cursor;
    if (cursor.value(phaseKey).toString() == detailsPhase)
        fetchDetails(qint64(cursor.value(QStringLiteral("after")).toDouble()));
    else
        fetchCollectionPage(qMax(1, cursor.value(QStringLiteral("page")).toInt(1)));
}

void DiscogsCollectionImport::fetchCollectionPage(int page)
{
    const QString user = record().params.value(QStringLiteral("user")).toString();
    if (user.isEmpty()) {
        fail(tr("This import names no Discogs user."));
        return;
    }
    requests().add(m_client->collectionPage(
        user, page, whileRunning([this, page](const ParseResult<AlbumListPage> &result) {
            if (!result.ok()) {
                fail(result.error);
                return;
            }
            const AlbumListPage &items = *result.value;
            const int done
                = (page - 1) * DiscogsClient::collectionPageSize + int(items.albums.size());
            const bool last = items.next.isEmpty() || items.albums.isEmpty();
            // The last page's cursor already points at the details phase, so a crash between the
            // phases does not fetch the collection again.
            const QJsonObject next = last
                ? QJsonObject {{phaseKey, detailsPhase}, {QStringLiteral("after"), 0}}
                : QJsonObject {{phaseKey, collectionPhase}, {QStringLiteral("page"), page + 1}};
            commit(items.albums, next, last ? 0 : done, items.total, [this] { run(); });
        })));
}

void DiscogsCollectionImport::fetchDetails(qint64 after)
{
    struct Found
    {
        QList<qint64> ids;
        int releases = 0; // the phase's total: releases, not the instances the first phase counted
        QString error;
    };
    AlbumStore *store = this->store();
    onFinished(QtConcurrent::run(pool(),
                                 [store, after] {
                                     Found found;
                                     const QString provider = QString::fromLatin1(source);
                                     found.ids = store->numericSourceIds(
                                         provider, after, detailsBatch, &found.error);
                                     if (found.error.isEmpty())
                                         found.releases
                                             = store->countNumericSourceIds(provider, &found.error);
                                     return found;
                                 }),
               this, [this, after](const Found &found) {
                   if (stopping())
                       return;
                   if (!found.error.isEmpty()) {
                       fail(found.error);
                       return;
                   }
                   m_detailsTotal = found.releases;
                   if (found.ids.isEmpty()) {
                       // The bar ends full: every release was walked.
                       commit({},
                              {{phaseKey, detailsPhase}, {QStringLiteral("after"), double(after)}},
                              found.releases, found.releases, [this] { complete(); });
                       return;
                   }
                   fetchReleases(found.ids);
               });
}

void DiscogsCollectionImport::fetchReleases(const QList<qint64> &ids)
{
    // The batch is stored together once every release of it has answered, so the cursor can
    // say "everything up to the batch's last id".
    struct Batch
    {
        QList<std::optional<Album>> albums;
        int answered = 0;
        QString error;
    };
    auto batch = std::make_shared<Batch>();
    batch->albums.resize(ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        requests().add(m_client->release(
            ids.at(i), whileRunning([this, batch, i, ids](const ParseResult<Album> &result) {
                if (result.ok())
                    batch->albums[i] = *result.value;
                else if (result.httpStatus != 404 && batch->error.isEmpty())
                    batch->error = result.error;
                if (++batch->answered < ids.size())
                    return;
                if (!batch->error.isEmpty()) {
                    fail(batch->error);
                    return;
                }
                QList<Album> albums;
                for (const std::optional<Album> &album : std::as_const(batch->albums)) {
                    if (album)
                        albums.append(*album);
                }
                const qint64 last = ids.last();
                commit(albums, {{phaseKey, detailsPhase}, {QStringLiteral("after"), double(last)}},
                       qMin(record().done + int(ids.size()), m_detailsTotal), m_detailsTotal,
                       [this] { run(); });
            })));
    }
}

} // namespace aime
