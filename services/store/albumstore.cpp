#include "store/albumstore.h"

#include "domain/albumidentity.h"
#include "store/albummerger.h"
#include "store/ftsquery.h"
#include "store/scopedtransaction.h"
#include "store/sqlexec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSemaphoreReleaser>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

Q_LOGGING_CATEGORY(lcStore, "aime.store", QtInfoMsg)

namespace aime {

namespace {

QString toStoredTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromStoredTime(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeZone(QTimeZone::utc());
    return time;
}

QString genresToStored(const QStringList &genres)
{
    if (genres.isEmpty())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(genres)).toJson(QJsonDocument::Compact));
}

QStringList genresFromStored(const QVariant &value)
{
    QStringList genres;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &genre : array)
        genres.append(genre.toString());
    return genres;
}

// Empty strings are stored as NULL so "fill what is missing" can use coalesce().
QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QString sortTitle(const QString &title)
{
    QString folded = AlbumIdentity::fold(title);
    if (folded.startsWith(QLatin1String("the ")))
        folded.remove(0, 4);
    return folded;
}

// When the person got the album: what they told the provider (Discogs "Date Added"), else now.
QDateTime firstAddedAt(const Album &album)
{
    QDateTime added = album.addedAt;
    for (const SourceRef &source : album.sources) {
        if (source.addedAt.isValid() && (!added.isValid() || source.addedAt < added))
            added = source.addedAt;
    }
    return added.isValid() ? added : QDateTime::currentDateTimeUtc();
}

struct SortSpec
{
    QStringList columns; // the last one is always id
    bool descending = false;
};

// "ORDER BY" columns of the sort, each with its direction.
QString orderClause(const SortSpec &spec)
{
    QStringList order;
    for (const QString &column : spec.columns)
        order.append(spec.descending ? column + QLatin1String(" DESC") : column);
    return order.join(QLatin1String(", "));
}

enum class KeySide { After, Before };

// The rows after (or before) a keyset position in the sort's order, with the key's values
// appended to binds.
QString keyClause(const SortSpec &spec, const QVariantList &key, KeySide side, QVariantList &binds)
{
    QStringList marks;
    for (const QVariant &value : key) {
        marks.append(QStringLiteral("?"));
        binds.append(value);
    }
    const bool greater = (side == KeySide::After) != spec.descending;
    return QStringLiteral("(%1) %2 (%3)")
        .arg(spec.columns.join(QLatin1String(", ")),
             greater ? QStringLiteral(">") : QStringLiteral("<"), marks.join(QLatin1String(", ")));
}

// The sort columns of a row whose select list has them from column `first` on.
QVariantList keyOf(const QSqlQuery &row, const SortSpec &spec, int first = 0)
{
    QVariantList key;
    for (int i = 0; i < spec.columns.size(); ++i)
        key.append(row.value(first + i));
    return key;
}

SortSpec sortSpec(AlbumSort sort)
{
    switch (sort) {
    case AlbumSort::Title:
        return {
            {QStringLiteral("sort_title"), QStringLiteral("sort_artist"), QStringLiteral("id")}};
    case AlbumSort::Year:
        return {{QStringLiteral("year"), QStringLiteral("sort_artist"),
                 QStringLiteral("sort_title"), QStringLiteral("id")}};
    case AlbumSort::DateAdded:
        return {{QStringLiteral("added_at"), QStringLiteral("id")}, true};
    case AlbumSort::Artist:
        break;
    }
    return {{QStringLiteral("sort_artist"), QStringLiteral("year"), QStringLiteral("sort_title"),
             QStringLiteral("id")}};
}

// The WHERE part for the person's filter text, with its bound values appended to binds.
QString filterClause(const QString &filterText, bool sqlite, QVariantList &binds)
{
    if (sqlite) {
        const QString match = FtsQuery::fromUserText(filterText);
        if (match.isEmpty())
            return {};
        binds.append(match);
        return QStringLiteral("id IN (SELECT rowid FROM albums_fts WHERE albums_fts MATCH ?)");
    }
    QStringList clauses;
    const QStringList words = AlbumIdentity::fold(filterText).split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        clauses.append(QStringLiteral("lower(title || ' ' || artist || ' ' || coalesce(label, '') "
                                      "|| ' ' || coalesce(genres, '')) LIKE ?"));
        binds.append(QString(u'%' + word + u'%'));
    }
    return clauses.join(QLatin1String(" AND "));
}

// The MusicBrainz release lets the Cover Art Archive find a cover; the subquery runs only for
// the rows of the page (album_sources_album index).
constexpr auto summaryColumns
    = "id, title, artist, year, format, cover_file, added_at, cover_url, "
      "(SELECT s.external_id FROM album_sources s WHERE s.album_id = albums.id AND "
      "s.provider = 'musicbrainz' ORDER BY s.id LIMIT 1)";

AlbumSummary summaryFromRow(const QSqlQuery &row)
{
    AlbumSummary summary;
    summary.id = row.value(0).toLongLong();
    summary.title = row.value(1).toString();
    summary.artist = row.value(2).toString();
    summary.year = row.value(3).toInt();
    summary.format = row.value(4).toString();
    summary.coverFile = row.value(5).toString();
    summary.addedAt = fromStoredTime(row.value(6));
    summary.coverUrl = row.value(7).toString();
    summary.musicBrainzRelease = row.value(8).toString();
    return summary;
}

} // namespace

AlbumStore::AlbumStore(StoreConfig config, QObject *parent)
    : QObject(parent),
      m_connections(std::move(config)),
      m_readSlots(qMax(1, m_connections.config().maxConcurrentReads))
{
    qRegisterMetaType<QList<qint64>>();
}

AlbumStore::~AlbumStore() = default;

QSqlDatabase AlbumStore::connection()
{
    return m_connections.connection();
}

StoreStatus AlbumStore::status() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_status;
}

StoreStatus AlbumStore::open()
{
    const StoreConfig &config = m_connections.config();
    StoreStatus result;
    if (config.isSqlite()) {
        const QFileInfo info(config.databaseName);
        if (!QDir().mkpath(info.absolutePath())) {
            result = {StoreErrorKind::CannotOpen,
                      tr("Cannot create the data folder %1.").arg(info.absolutePath())};
        } else {
            result = SchemaMigrator::checkSqliteFile(config.databaseName);
        }
    }
    if (result.ok()) {
        QSqlDatabase db = connection();
        if (!db.isOpen()) {
            result = {StoreErrorKind::CannotOpen,
                      tr("Cannot open the collection database %1: %2")
                          .arg(config.databaseName, db.lastError().text())};
        } else {
            QMutexLocker writeLock(&m_writeMutex);
            result = SchemaMigrator::migrate(db);
        }
    }
    if (!result.ok()) {
        qCWarning(lcStore).noquote() << result.message;
        m_connections.releaseThisThread();
    }
    QMutexLocker lock(&m_statusMutex);
    m_status = result;
    return result;
}

UpsertResult AlbumStore::upsertPage(const QList<Album> &albums)
{
    return writePage(albums, nullptr);
}

UpsertResult AlbumStore::upsertPage(const QList<Album> &albums, const JobCheckpoint &checkpoint)
{
    return writePage(albums, &checkpoint);
}

UpsertResult AlbumStore::writePage(const QList<Album> &albums, const JobCheckpoint *checkpoint)
{
    UpsertResult result;
    if (albums.isEmpty() && !checkpoint)
        return result;
    if (!status().ok()) {
        result.error = status().message;
        return result;
    }

    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    const bool sqlite = m_connections.config().isSqlite();
    ScopedTransaction transaction(db);
    if (!transaction.isActive()) {
        result.error = tr("Cannot start a transaction: %1").arg(transaction.errorText());
        return result;
    }

    QSqlQuery findExisting(db);
    // One row of scalar subqueries, strongest evidence first; a compound SELECT with ORDER BY
    // would build a temporary b-tree on every call. An entry without an id at its provider (a
    // CSV row without release_id) is "already present" when an album with its match key carries
    // such an entry from the same provider.
    findExisting.prepare(QStringLiteral(
        "SELECT (SELECT album_id FROM album_sources WHERE provider = ? AND external_id = ?), "
        "(SELECT s.album_id FROM album_sources s JOIN albums a ON a.id = s.album_id "
        "WHERE ? IS NULL AND s.provider = ? AND s.external_id IS NULL AND a.match_key = ? "
        "LIMIT 1), "
        "(SELECT id FROM albums WHERE barcode = ? LIMIT 1), "
        "(SELECT id FROM albums WHERE match_key = ? LIMIT 1)"));
    QSqlQuery insertAlbum(db);
    insertAlbum.prepare(
        QStringLiteral(
            "INSERT INTO albums (title, artist, year, release_date, label, genres, barcode, "
            "format, "
            "track_count, cover_url, added_at, updated_at, match_key, sort_artist, sort_title) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)%1")
            .arg(sqlite ? QString() : QStringLiteral(" RETURNING id")));
    // A known source refreshes its album: what the provider says now wins where it says anything.
    QSqlQuery refreshAlbum(db);
    refreshAlbum.prepare(QStringLiteral(
        "UPDATE albums SET title = ?, artist = ?, year = CASE WHEN ? > 0 THEN ? ELSE year END, "
        "release_date = coalesce(?, release_date), label = coalesce(?, label), "
        "genres = coalesce(?, genres), barcode = coalesce(?, barcode), "
        "format = coalesce(?, format), track_count = CASE WHEN ? > 0 THEN ? ELSE track_count END, "
        "cover_url = coalesce(?, cover_url), updated_at = ?, sort_artist = ?, sort_title = ? "
        "WHERE id = ?"));
    QSqlQuery refreshMatchKey(db);
    refreshMatchKey.prepare(QStringLiteral("UPDATE albums SET match_key = ? WHERE id = ?"));
    QSqlQuery storedYear(db);
    storedYear.prepare(QStringLiteral("SELECT year FROM albums WHERE id = ?"));
    // Another source of an album already stored only fills what the album lacks.
    QSqlQuery fillAlbum(db);
    fillAlbum.prepare(QStringLiteral(
        "UPDATE albums SET release_date = coalesce(release_date, ?), label = coalesce(label, ?), "
        "genres = coalesce(genres, ?), barcode = coalesce(barcode, ?), "
        "format = coalesce(format, ?), track_count = CASE WHEN track_count = 0 THEN ? ELSE "
        "track_count END, cover_url = coalesce(cover_url, ?), updated_at = ? WHERE id = ?"));
    QSqlQuery upsertSource(db);
    upsertSource.prepare(QStringLiteral(
        "INSERT INTO album_sources (album_id, provider, external_id, url, format, barcode, label, "
        "catalog_number, rating, folder, added_at, fetched_at, extra) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (provider, external_id) DO UPDATE SET album_id = excluded.album_id, "
        "url = excluded.url, format = excluded.format, barcode = excluded.barcode, "
        "label = excluded.label, catalog_number = excluded.catalog_number, "
        "rating = excluded.rating, folder = excluded.folder, added_at = excluded.added_at, "
        "fetched_at = excluded.fetched_at, extra = excluded.extra"));
    QSqlQuery dropLocalSource(db);
    dropLocalSource.prepare(QStringLiteral("DELETE FROM album_sources WHERE album_id = ? AND "
                                           "provider = ? AND external_id IS NULL"));
    QSqlQuery countTracks(db);
    countTracks.prepare(QStringLiteral("SELECT count(*) FROM tracks WHERE album_id = ?"));
    QSqlQuery dropTracks(db);
    dropTracks.prepare(QStringLiteral("DELETE FROM tracks WHERE album_id = ?"));
    QSqlQuery insertTrack(db);
    insertTrack.prepare(QStringLiteral("INSERT INTO tracks (album_id, disc, position, title, "
                                       "duration_ms) VALUES (?, ?, ?, ?, ?)"));
    const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
    const auto fail = [&](const QSqlQuery &query, const Album &album) {
        result = UpsertResult();
        result.error = tr("Cannot store \"%1\" by %2: %3")
                           .arg(album.title, album.artist, query.lastError().text());
        qCWarning(lcStore).noquote() << result.error;
        return result;
    };

    for (const Album &album : albums) {
        QString barcode = AlbumIdentity::normalisedBarcode(album.barcode);
        for (const SourceRef &source : album.sources) {
            if (barcode.isEmpty())
                barcode = AlbumIdentity::normalisedBarcode(source.barcode);
        }
        const QString matchKey = AlbumIdentity::matchKey(album.artist, album.title, album.year);
        const SourceRef *firstSource = album.sources.isEmpty() ? nullptr : &album.sources.first();

        qint64 albumId = 0;
        UpsertOutcome outcome = UpsertOutcome::Inserted;
        const QString provider = firstSource ? firstSource->provider : QString();
        const QVariant externalId
            = firstSource ? textOrNull(firstSource->externalId) : textOrNull(QString());
        if (!execWith(findExisting,
                      {provider, externalId, externalId, provider, textOrNull(matchKey),
                       textOrNull(barcode), textOrNull(matchKey)}))
            return fail(findExisting, album);
        if (findExisting.next()) {
            for (int column = 0; column < 4 && albumId == 0; ++column) {
                albumId = findExisting.value(column).toLongLong();
                if (albumId != 0)
                    outcome = column < 2 ? UpsertOutcome::Updated : UpsertOutcome::Merged;
            }
        }
        findExisting.finish();

        const QString genres = genresToStored(album.genres);
        const int trackCount = album.tracks.isEmpty() ? album.trackCount : album.tracks.size();
        if (outcome == UpsertOutcome::Inserted) {
            const QString added = toStoredTime(firstAddedAt(album));
            if (!execWith(insertAlbum,
                          {album.title, album.artist, album.year, textOrNull(album.releaseDate),
                           textOrNull(album.label), textOrNull(genres), textOrNull(barcode),
                           textOrNull(album.format), trackCount, textOrNull(album.coverUrl), added,
                           now, textOrNull(matchKey), AlbumIdentity::normalisedArtist(album.artist),
                           sortTitle(album.title)}))
                return fail(insertAlbum, album);
            if (sqlite) {
                albumId = insertAlbum.lastInsertId().toLongLong();
            } else {
                if (!insertAlbum.next())
                    return fail(insertAlbum, album);
                albumId = insertAlbum.value(0).toLongLong();
                insertAlbum.finish();
            }
        } else if (outcome == UpsertOutcome::Updated) {
            if (!execWith(refreshAlbum,
                          {album.title, album.artist, album.year, album.year,
                           textOrNull(album.releaseDate), textOrNull(album.label),
                           textOrNull(genres), textOrNull(barcode), textOrNull(album.format),
                           trackCount, trackCount, textOrNull(album.coverUrl), now,
                           AlbumIdentity::normalisedArtist(album.artist), sortTitle(album.title),
                           albumId}))
                return fail(refreshAlbum, album);
            // The key uses the year the album keeps when the provider gave none.
            int keptYear = album.year;
            if (keptYear == 0) {
                if (!execWith(storedYear, {albumId}) || !storedYear.next())
                    return fail(storedYear, album);
                keptYear = storedYear.value(0).toInt();
                storedYear.finish();
            }
            const QString keptKey = keptYear == album.year
                ? matchKey
                : AlbumIdentity::matchKey(album.artist, album.title, keptYear);
            if (!execWith(refreshMatchKey, {textOrNull(keptKey), albumId}))
                return fail(refreshMatchKey, album);
        } else {
            if (!execWith(fillAlbum,
                          {textOrNull(album.releaseDate), textOrNull(album.label),
                           textOrNull(genres), textOrNull(barcode), textOrNull(album.format),
                           trackCount, textOrNull(album.coverUrl), now, albumId}))
                return fail(fillAlbum, album);
        }

        for (const SourceRef &source : album.sources) {
            if (source.externalId.isEmpty()) {
                if (!execWith(dropLocalSource, {albumId, source.provider}))
                    return fail(dropLocalSource, album);
            }
            const QString extra = source.extra.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(source.extra).toJson(QJsonDocument::Compact));
            if (!execWith(upsertSource,
                          {albumId, source.provider, textOrNull(source.externalId),
                           textOrNull(source.url), textOrNull(source.format),
                           textOrNull(AlbumIdentity::normalisedBarcode(source.barcode)),
                           textOrNull(source.label), textOrNull(source.catalogNumber),
                           source.rating, textOrNull(source.folder),
                           textOrNull(toStoredTime(source.addedAt)),
                           source.fetchedAt.isValid() ? toStoredTime(source.fetchedAt) : now,
                           textOrNull(extra)}))
                return fail(upsertSource, album);
        }

        bool replaceTracks = !album.tracks.isEmpty();
        if (replaceTracks && outcome == UpsertOutcome::Merged) {
            // The album's own tracklist stands; another source only supplies a missing one.
            if (!execWith(countTracks, {albumId}) || !countTracks.next())
                return fail(countTracks, album);
            replaceTracks = countTracks.value(0).toInt() == 0;
            countTracks.finish();
        }
        if (replaceTracks) {
            if (!execWith(dropTracks, {albumId}))
                return fail(dropTracks, album);
            for (const Track &track : album.tracks) {
                if (!execWith(insertTrack,
                              {albumId, track.disc, track.position, track.title, track.durationMs}))
                    return fail(insertTrack, album);
            }
        }

        // Later data (a barcode from a details fetch) may show that another stored album is
        // this one: they become one album, in this transaction (DESIGN.md section 4).
        if (outcome == UpsertOutcome::Updated && !barcode.isEmpty()) {
            QString mergeError;
            const qint64 survivor = AlbumMerger::mergeSameBarcode(db, albumId, barcode,
                                                                  &result.removedIds, &mergeError);
            if (survivor < 0) {
                result = UpsertResult();
                result.error = tr("Cannot merge \"%1\" with the album of the same "
                                  "barcode: %2")
                                   .arg(album.title, mergeError);
                qCWarning(lcStore).noquote() << result.error;
                return result;
            }
            albumId = survivor;
        }

        result.albumIds.append(albumId);
        result.outcomes.append(outcome);
        switch (outcome) {
        case UpsertOutcome::Inserted:
            ++result.inserted;
            break;
        case UpsertOutcome::Updated:
            ++result.updated;
            break;
        case UpsertOutcome::Merged:
            ++result.merged;
            break;
        }
    }

    // FTS5 flushes its pending terms at every statement savepoint once it is part of the
    // transaction, so touching it once per album costs more than everything else together: the
    // page's albums are indexed by two statements at the end, their ids passed as one JSON array.
    if (sqlite) {
        QJsonArray ids;
        for (const qint64 id : std::as_const(result.albumIds))
            ids.append(id);
        const QString idList = QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact));
        QSqlQuery dropIndexed(db);
        QSqlQuery index(db);
        dropIndexed.prepare(QStringLiteral(
            "DELETE FROM albums_fts WHERE rowid IN (SELECT value FROM json_each(?))"));
        index.prepare(QStringLiteral(
            "INSERT INTO albums_fts (rowid, title, artist, label, genres, tracks) "
            "SELECT a.id, a.title, a.artist, coalesce(a.label, ''), coalesce(a.genres, ''), "
            "coalesce((SELECT group_concat(t.title, ' ') FROM tracks t WHERE "
            "t.album_id = a.id), '') FROM albums a WHERE a.id IN "
            "(SELECT DISTINCT value FROM json_each(?))"));
        if (!execWith(dropIndexed, {idList}) || !execWith(index, {idList})) {
            result = UpsertResult();
            result.error = tr("Cannot update the search index: %1")
                               .arg(index.lastError().text() + dropIndexed.lastError().text());
            qCWarning(lcStore).noquote() << result.error;
            return result;
        }
    }

    if (checkpoint) {
        const QString error = writeCheckpoint(db, *checkpoint);
        if (!error.isEmpty()) {
            result = UpsertResult();
            result.error = error;
            qCWarning(lcStore).noquote() << result.error;
            return result;
        }
    }

    if (!transaction.commit()) {
        result = UpsertResult();
        result.error = tr("Cannot save the albums: %1").arg(db.lastError().text());
        qCWarning(lcStore).noquote() << result.error;
        return result;
    }
    writeLock.unlock();
    if (!result.albumIds.isEmpty())
        Q_EMIT albumsChanged(result.albumIds + result.removedIds);
    return result;
}

namespace {

ImportJobRecord jobFromRow(const QSqlQuery &query)
{
    ImportJobRecord job;
    job.id = query.value(0).toLongLong();
    job.source = query.value(1).toString();
    job.params = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
    job.state = ImportJobRecord::stateFromName(query.value(3).toString());
    job.total = query.value(4).toInt();
    job.done = query.value(5).toInt();
    job.cursor = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
    job.error = query.value(7).toString();
    job.createdAt = fromStoredTime(query.value(8));
    job.startedAt = fromStoredTime(query.value(9));
    job.finishedAt = fromStoredTime(query.value(10));
    job.owner = query.value(11).toString();
    return job;
}

const QString jobColumns = QStringLiteral(
    "id, source, params, state, total, done, cursor, error, created_at, started_at, "
    "finished_at, owner");

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool processIsAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
#else
    Q_UNUSED(pid);
    return false;
#endif
}

} // namespace

QString AlbumStore::processOwner()
{
    return QSysInfo::machineHostName() + u':' + QString::number(QCoreApplication::applicationPid());
}

std::optional<ImportJobRecord> AlbumStore::createJob(const QString &source,
                                                     const QJsonObject &params, QString *error)
{
    const auto failWith = [error](const QString &text) -> std::optional<ImportJobRecord> {
        if (error)
            *error = text;
        qCWarning(lcStore).noquote() << text;
        return std::nullopt;
    };
    if (!status().ok())
        return failWith(status().message);
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    QSqlQuery insert(db);
    const bool sqlite = m_connections.config().isSqlite();
    insert.prepare(QStringLiteral("INSERT INTO import_jobs (source, params, state, created_at, "
                                  "cursor) VALUES (?, ?, ?, ?, '{}')%1")
                       .arg(sqlite ? QString() : QStringLiteral(" RETURNING id")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!execWith(insert,
                  {source, compactJson(params), ImportJobRecord::stateName(JobState::Queued),
                   toStoredTime(now)}))
        return failWith(tr("Cannot record the import: %1").arg(insert.lastError().text()));
    qint64 id = 0;
    if (sqlite) {
        id = insert.lastInsertId().toLongLong();
    } else if (insert.next()) {
        id = insert.value(0).toLongLong();
        insert.finish();
    }
    if (id == 0 || !transaction.commit())
        return failWith(tr("Cannot record the import: %1").arg(db.lastError().text()));
    ImportJobRecord job;
    job.id = id;
    job.source = source;
    job.params = params;
    job.createdAt = now;
    return job;
}

std::optional<ImportJobRecord> AlbumStore::job(qint64 id)
{
    if (!status().ok())
        return std::nullopt;
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT %1 FROM import_jobs WHERE id = ?").arg(jobColumns));
    if (!execWith(query, {id}) || !query.next())
        return std::nullopt;
    return jobFromRow(query);
}

QList<ImportJobRecord> AlbumStore::jobs(QString *error)
{
    QList<ImportJobRecord> result;
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return result;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    if (!query.exec(
            QStringLiteral("SELECT %1 FROM import_jobs ORDER BY id DESC").arg(jobColumns))) {
        if (error)
            *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result.append(jobFromRow(query));
    return result;
}

bool AlbumStore::saveJob(const ImportJobRecord &job, QString *error)
{
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return false;
    }
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    QSqlQuery update(db);
    update.prepare(QStringLiteral(
        "UPDATE import_jobs SET state = ?, total = ?, done = ?, cursor = ?, error = ?, "
        "started_at = ?, finished_at = ?, owner = ?, params = ? WHERE id = ?"));
    const bool ok = execWith(update,
                             {ImportJobRecord::stateName(job.state), job.total, job.done,
                              compactJson(job.cursor), textOrNull(job.error),
                              textOrNull(toStoredTime(job.startedAt)),
                              textOrNull(toStoredTime(job.finishedAt)), textOrNull(job.owner),
                              compactJson(job.params), job.id})
        && transaction.commit();
    if (!ok) {
        const QString text = tr("Cannot save the import's state: %1")
                                 .arg(update.lastError().text() + db.lastError().text());
        qCWarning(lcStore).noquote() << text;
        if (error)
            *error = text;
    }
    return ok;
}

bool AlbumStore::removeJob(qint64 id)
{
    if (!status().ok())
        return false;
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM import_jobs WHERE id = ?"));
    return execWith(remove, {id}) && transaction.commit();
}

int AlbumStore::interruptOrphanedJobs()
{
    QString error;
    const QList<ImportJobRecord> all = jobs(&error);
    const QString host = QSysInfo::machineHostName();
    int interrupted = 0;
    for (ImportJobRecord job : all) {
        if (job.state != JobState::Running && job.state != JobState::Queued)
            continue;
        const QString ownerHost = job.owner.section(u':', 0, -2);
        const qint64 ownerPid = job.owner.section(u':', -1).toLongLong();
        const bool ownedHere = ownerHost == host;
        if (ownedHere && ownerPid != QCoreApplication::applicationPid() && processIsAlive(ownerPid))
            continue;
        // A job of another host is left alone: its process cannot be checked from here.
        if (!job.owner.isEmpty() && !ownedHere)
            continue;
        job.state = JobState::Interrupted;
        if (saveJob(job))
            ++interrupted;
    }
    return interrupted;
}

QList<qint64> AlbumStore::numericSourceIds(const QString &provider, qint64 after, int limit,
                                           QString *error)
{
    QList<qint64> ids;
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return ids;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    query.prepare(QStringLiteral(
        "SELECT CAST(external_id AS BIGINT) AS n FROM album_sources WHERE provider = ? "
        "AND external_id IS NOT NULL AND CAST(external_id AS BIGINT) > ? ORDER BY n LIMIT ?"));
    if (!execWith(query, {provider, after, limit})) {
        if (error)
            *error = query.lastError().text();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

int AlbumStore::countNumericSourceIds(const QString &provider, QString *error)
{
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return -1;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT count(*) FROM album_sources WHERE provider = ? AND "
                                 "external_id IS NOT NULL AND CAST(external_id AS BIGINT) > 0"));
    if (!execWith(query, {provider}) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

QString AlbumStore::saveDescriptions(const QList<AlbumDescription> &descriptions,
                                     const JobCheckpoint *checkpoint)
{
    if (descriptions.isEmpty() && !checkpoint)
        return {};
    if (!status().ok())
        return status().message;
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    if (!transaction.isActive())
        return tr("Cannot start a transaction: %1").arg(transaction.errorText());

    QSqlQuery written(db);
    // The model's words replace the person's only when they confirmed it.
    written.prepare(QStringLiteral("UPDATE albums SET ai_description = ?, ai_model = ?, "
                                   "ai_generated_at = ?, ai_edited = 0, updated_at = ? "
                                   "WHERE id = ? AND (ai_edited = 0 OR ? = 1)"));
    // The person's words keep the name of the model that first wrote the album's description.
    QSqlQuery edited(db);
    edited.prepare(QStringLiteral("UPDATE albums SET ai_description = ?, ai_generated_at = ?, "
                                  "ai_edited = 1, updated_at = ? WHERE id = ?"));
    QSqlQuery cleared(db);
    cleared.prepare(QStringLiteral("UPDATE albums SET ai_description = NULL, ai_model = NULL, "
                                   "ai_generated_at = NULL, ai_edited = 0, updated_at = ? "
                                   "WHERE id = ?"));
    const QString now = toStoredTime(QDateTime::currentDateTimeUtc());
    QList<qint64> changed;
    for (const AlbumDescription &description : descriptions) {
        const QString text = description.text.trimmed();
        const QString when
            = toStoredTime(description.writtenAt.isValid() ? description.writtenAt
                                                           : QDateTime::currentDateTimeUtc());
        QSqlQuery &query = text.isEmpty() ? cleared : description.edited ? edited : written;
        const bool ok = text.isEmpty() ? execWith(cleared, {now, description.albumId})
            : description.edited
            ? execWith(edited, {text, when, now, description.albumId})
            : execWith(written,
                       {text, textOrNull(description.model), when, now, description.albumId,
                        description.replaceEdited ? 1 : 0});
        if (!ok) {
            const QString error
                = tr("Cannot store the description: %1").arg(query.lastError().text());
            qCWarning(lcStore).noquote() << error;
            return error;
        }
        if (query.numRowsAffected() > 0)
            changed.append(description.albumId);
    }
    if (checkpoint) {
        const QString error = writeCheckpoint(db, *checkpoint);
        if (!error.isEmpty()) {
            qCWarning(lcStore).noquote() << error;
            return error;
        }
    }
    if (!transaction.commit())
        return tr("Cannot save the descriptions: %1").arg(db.lastError().text());
    writeLock.unlock();
    if (!changed.isEmpty())
        Q_EMIT albumsChanged(changed);
    return {};
}

bool AlbumStore::setCoverFile(qint64 albumId, const QString &path)
{
    return setCoverFiles({{albumId, path}}).isEmpty();
}

QString AlbumStore::writeCheckpoint(QSqlDatabase db, const JobCheckpoint &checkpoint)
{
    QSqlQuery saveCursor(db);
    saveCursor.prepare(
        QStringLiteral("UPDATE import_jobs SET cursor = ?, done = ?, total = ? WHERE id = ?"));
    const QString cursor
        = QString::fromUtf8(QJsonDocument(checkpoint.cursor).toJson(QJsonDocument::Compact));
    if (!execWith(saveCursor, {cursor, checkpoint.done, checkpoint.total, checkpoint.jobId}))
        return tr("Cannot save the job's progress: %1").arg(saveCursor.lastError().text());
    return {};
}

QString AlbumStore::setCoverFiles(const QList<std::pair<qint64, QString>> &files,
                                  const JobCheckpoint *checkpoint)
{
    if (!status().ok())
        return status().message;
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    if (!transaction.isActive())
        return tr("Cannot start a transaction: %1").arg(transaction.errorText());
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE albums SET cover_file = ? WHERE id = ?"));
    for (const auto &[albumId, path] : files) {
        if (!execWith(update, {textOrNull(path), albumId})) {
            const QString error
                = tr("Cannot keep the covers' files: %1").arg(update.lastError().text());
            qCWarning(lcStore).noquote() << error;
            return error;
        }
    }
    if (checkpoint) {
        const QString error = writeCheckpoint(db, *checkpoint);
        if (!error.isEmpty())
            return error;
    }
    if (!transaction.commit())
        return tr("Cannot keep the covers' files: %1").arg(db.lastError().text());
    return {};
}

QString AlbumStore::forgetCoverFiles(const QStringList &paths)
{
    if (!status().ok())
        return status().message;
    QMutexLocker writeLock(&m_writeMutex);
    QSqlDatabase db = connection();
    ScopedTransaction transaction(db);
    if (!transaction.isActive())
        return tr("Cannot start a transaction: %1").arg(transaction.errorText());
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE albums SET cover_file = NULL WHERE cover_file = ?"));
    for (const QString &path : paths) {
        if (!execWith(update, {path})) {
            const QString error
                = tr("Cannot forget the covers' files: %1").arg(update.lastError().text());
            qCWarning(lcStore).noquote() << error;
            return error;
        }
    }
    if (!transaction.commit())
        return tr("Cannot forget the covers' files: %1").arg(db.lastError().text());
    return {};
}

QList<AlbumSummary> AlbumStore::albumsWithoutCover(qint64 after, int limit, QString *error)
{
    QList<AlbumSummary> albums;
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return albums;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery select(connection());
    select.setForwardOnly(true);
    select.prepare(QStringLiteral("SELECT %1 FROM albums WHERE id > ? AND (cover_file IS NULL OR "
                                  "cover_file = '') ORDER BY id LIMIT ?")
                       .arg(QLatin1String(summaryColumns)));
    if (!execWith(select, {after, limit})) {
        if (error)
            *error = select.lastError().text();
        return albums;
    }
    while (select.next())
        albums.append(summaryFromRow(select));
    return albums;
}

QList<qint64> AlbumStore::albumIdsWithoutDescription(qint64 after, int limit, QString *error)
{
    QList<qint64> ids;
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return ids;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT id FROM albums WHERE id > ? AND (ai_description IS NULL "
                                 "OR ai_description = '') ORDER BY id LIMIT ?"));
    if (!execWith(query, {after, limit})) {
        if (error)
            *error = query.lastError().text();
        return ids;
    }
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

int AlbumStore::countWithoutDescription(qint64 after)
{
    if (!status().ok())
        return -1;
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT count(*) FROM albums WHERE id > ? AND (ai_description IS "
                                 "NULL OR ai_description = '')"));
    if (!execWith(query, {after}) || !query.next())
        return -1;
    return query.value(0).toInt();
}

QList<qint64> AlbumStore::collectionMatches(const QList<Album> &candidates, QString *error)
{
    QList<qint64> ids;
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return ids;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlDatabase db = connection();
    QSqlQuery bySource(db);
    bySource.prepare(QStringLiteral(
        "SELECT album_id FROM album_sources WHERE provider = ? AND external_id = ?"));
    QSqlQuery byEvidence(db);
    byEvidence.prepare(QStringLiteral("SELECT (SELECT id FROM albums WHERE barcode = ? LIMIT 1), "
                                      "(SELECT id FROM albums WHERE match_key = ? LIMIT 1)"));
    const auto failed = [&](const QSqlQuery &query) {
        if (error)
            *error = query.lastError().text();
        qCWarning(lcStore) << "collection match failed:" << query.lastError().text();
        return QList<qint64>();
    };
    const auto storedSource
        = [&](const QString &provider, const QString &externalId, qint64 *albumId) {
              if (externalId.isEmpty())
                  return true;
              if (!execWith(bySource, {provider, externalId}))
                  return false;
              if (bySource.next())
                  *albumId = bySource.value(0).toLongLong();
              bySource.finish();
              return true;
          };

    ids.reserve(candidates.size());
    for (const Album &candidate : candidates) {
        qint64 albumId = 0;
        QString barcode = AlbumIdentity::normalisedBarcode(candidate.barcode);
        for (const SourceRef &source : candidate.sources) {
            if (barcode.isEmpty())
                barcode = AlbumIdentity::normalisedBarcode(source.barcode);
            if (albumId == 0 && !storedSource(source.provider, source.externalId, &albumId))
                return failed(bySource);
            const QJsonArray related = source.extra.value(QLatin1String("releases")).toArray();
            for (qsizetype i = 0; i < related.size() && albumId == 0; ++i) {
                if (!storedSource(source.provider, related.at(i).toString(), &albumId))
                    return failed(bySource);
            }
        }
        if (albumId == 0) {
            const QString matchKey
                = AlbumIdentity::matchKey(candidate.artist, candidate.title, candidate.year);
            if (!execWith(byEvidence, {textOrNull(barcode), textOrNull(matchKey)}))
                return failed(byEvidence);
            if (byEvidence.next()) {
                albumId = byEvidence.value(0).toLongLong();
                if (albumId == 0)
                    albumId = byEvidence.value(1).toLongLong();
            }
            byEvidence.finish();
        }
        ids.append(albumId);
    }
    return ids;
}

SummaryPage AlbumStore::summaries(const AlbumQuery &query, const PageCursor &after, int limit)
{
    return readSummaries(query, after, 0, limit);
}

SummaryPage AlbumStore::summariesAt(const AlbumQuery &query, int offset, int limit)
{
    return readSummaries(query, {}, qMax(0, offset), limit);
}

SummaryPage AlbumStore::readSummaries(const AlbumQuery &query, const PageCursor &after, int offset,
                                      int limit)
{
    SummaryPage page;
    if (!status().ok()) {
        page.error = status().message;
        return page;
    }
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);

    const SortSpec spec = sortSpec(query.sort);
    const QString columns = spec.columns.join(QLatin1String(", "));
    QVariantList binds;
    QStringList where;
    const QString filter = filterClause(query.filterText, m_connections.config().isSqlite(), binds);
    if (!filter.isEmpty())
        where.append(filter);

    PageCursor start = after;
    if (offset > 0) {
        // The key of the row before the offset, from the sort index alone (it holds every sort
        // column), then a keyset read: an OFFSET over the table itself would read, and cache,
        // every album before it.
        QString keySql = QStringLiteral("SELECT %1 FROM albums").arg(columns);
        if (!filter.isEmpty())
            keySql += QLatin1String(" WHERE ") + filter;
        keySql += QLatin1String(" ORDER BY ") + orderClause(spec)
            + QStringLiteral(" LIMIT 1 OFFSET %1").arg(offset - 1);
        QSqlQuery keyQuery(connection());
        keyQuery.setForwardOnly(true);
        if (!keyQuery.prepare(keySql) || !execWith(keyQuery, binds)) {
            page.error = keyQuery.lastError().text();
            qCWarning(lcStore) << "summaries failed:" << page.error;
            return page;
        }
        if (!keyQuery.next())
            return page; // past the end
        start.key = keyOf(keyQuery, spec);
    }
    if (!start.isStart() && start.key.size() == spec.columns.size())
        where.append(keyClause(spec, start.key, KeySide::After, binds));
    QString sql
        = QStringLiteral("SELECT %1, %2 FROM albums").arg(QLatin1String(summaryColumns), columns);
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += QLatin1String(" ORDER BY ") + orderClause(spec)
        + QStringLiteral(" LIMIT %1").arg(limit + 1);

    QSqlQuery select(connection());
    select.setForwardOnly(true);
    if (!select.prepare(sql) || !execWith(select, binds)) {
        page.error = select.lastError().text();
        qCWarning(lcStore) << "summaries failed:" << page.error;
        return page;
    }
    const int keyStart = 9;
    page.rows.reserve(limit);
    while (select.next()) {
        if (page.rows.size() == limit) {
            page.atEnd = false;
            break;
        }
        page.rows.append(summaryFromRow(select));
        page.next.key = keyOf(select, spec, keyStart);
    }
    return page;
}

int AlbumStore::rowOf(const AlbumQuery &query, qint64 albumId)
{
    if (!status().ok())
        return -2;
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    const SortSpec spec = sortSpec(query.sort);
    QVariantList filterBinds;
    const QString filter
        = filterClause(query.filterText, m_connections.config().isSqlite(), filterBinds);
    const QString filtered = filter.isEmpty() ? QString() : filter + QLatin1String(" AND ");
    QSqlDatabase db = connection();

    // The album's key (only when the query shows it), then how many rows sort before it.
    QSqlQuery keyQuery(db);
    keyQuery.setForwardOnly(true);
    QVariantList keyBinds = filterBinds;
    keyBinds.append(albumId);
    if (!keyQuery.prepare(QStringLiteral("SELECT %1 FROM albums WHERE %2id = ?")
                              .arg(spec.columns.join(QLatin1String(", ")), filtered))
        || !execWith(keyQuery, keyBinds)) {
        qCWarning(lcStore) << "rowOf failed:" << keyQuery.lastError().text();
        return -2;
    }
    if (!keyQuery.next())
        return -1;
    QVariantList countBinds = filterBinds;
    const QString before = keyClause(spec, keyOf(keyQuery, spec), KeySide::Before, countBinds);
    QSqlQuery countQuery(db);
    countQuery.setForwardOnly(true);
    if (!countQuery.prepare(
            QStringLiteral("SELECT count(*) FROM albums WHERE %1%2").arg(filtered, before))
        || !execWith(countQuery, countBinds) || !countQuery.next()) {
        qCWarning(lcStore) << "rowOf failed:" << countQuery.lastError().text();
        return -2;
    }
    return countQuery.value(0).toInt();
}

int AlbumStore::count(const AlbumQuery &query)
{
    if (!status().ok())
        return -1;
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QVariantList binds;
    const QString filter = filterClause(query.filterText, m_connections.config().isSqlite(), binds);
    QSqlQuery select(connection());
    select.prepare(filter.isEmpty()
                       ? QStringLiteral("SELECT count(*) FROM albums")
                       : QStringLiteral("SELECT count(*) FROM albums WHERE ") + filter);
    if (!execWith(select, binds) || !select.next()) {
        qCWarning(lcStore) << "count failed:" << select.lastError().text();
        return -1;
    }
    return select.value(0).toInt();
}

void AlbumStore::loadDetails(QSqlDatabase db, Album &album)
{
    QSqlQuery sources(db);
    sources.setForwardOnly(true);
    sources.prepare(QStringLiteral(
        "SELECT provider, external_id, url, format, barcode, label, catalog_number, rating, "
        "folder, added_at, fetched_at, extra FROM album_sources WHERE album_id = ? ORDER BY id"));
    if (execWith(sources, {album.id})) {
        while (sources.next()) {
            SourceRef source;
            source.provider = sources.value(0).toString();
            source.externalId = sources.value(1).toString();
            source.url = sources.value(2).toString();
            source.format = sources.value(3).toString();
            source.barcode = sources.value(4).toString();
            source.label = sources.value(5).toString();
            source.catalogNumber = sources.value(6).toString();
            source.rating = sources.value(7).toInt();
            source.folder = sources.value(8).toString();
            source.addedAt = fromStoredTime(sources.value(9));
            source.fetchedAt = fromStoredTime(sources.value(10));
            source.extra = QJsonDocument::fromJson(sources.value(11).toString().toUtf8()).object();
            album.sources.append(source);
        }
    }
    QSqlQuery tracks(db);
    tracks.setForwardOnly(true);
    tracks.prepare(QStringLiteral("SELECT disc, position, title, duration_ms FROM tracks WHERE "
                                  "album_id = ? ORDER BY disc, position, id"));
    if (execWith(tracks, {album.id})) {
        while (tracks.next()) {
            album.tracks.append({tracks.value(0).toInt(), tracks.value(1).toInt(),
                                 tracks.value(2).toString(), tracks.value(3).toLongLong()});
        }
    }
}

namespace {

constexpr auto albumColumns
    = "id, title, artist, year, release_date, label, genres, barcode, format, track_count, "
      "cover_url, cover_file, ai_description, ai_model, ai_generated_at, added_at, updated_at, "
      "ai_edited";

Album albumFromRow(const QSqlQuery &row)
{
    Album album;
    album.id = row.value(0).toLongLong();
    album.title = row.value(1).toString();
    album.artist = row.value(2).toString();
    album.year = row.value(3).toInt();
    album.releaseDate = row.value(4).toString();
    album.label = row.value(5).toString();
    album.genres = genresFromStored(row.value(6));
    album.barcode = row.value(7).toString();
    album.format = row.value(8).toString();
    album.trackCount = row.value(9).toInt();
    album.coverUrl = row.value(10).toString();
    album.coverFile = row.value(11).toString();
    album.aiDescription = row.value(12).toString();
    album.aiModel = row.value(13).toString();
    album.aiGeneratedAt = fromStoredTime(row.value(14));
    album.addedAt = fromStoredTime(row.value(15));
    album.updatedAt = fromStoredTime(row.value(16));
    album.aiEdited = row.value(17).toInt() != 0;
    return album;
}

} // namespace

std::optional<Album> AlbumStore::album(qint64 id)
{
    if (!status().ok())
        return std::nullopt;
    m_readSlots.acquire();
    QSemaphoreReleaser releaseSlot(m_readSlots);
    QSqlDatabase db = connection();
    QSqlQuery select(db);
    select.prepare(
        QStringLiteral("SELECT %1 FROM albums WHERE id = ?").arg(QLatin1String(albumColumns)));
    if (!execWith(select, {id}) || !select.next())
        return std::nullopt;
    Album album = albumFromRow(select);
    select.finish();
    loadDetails(db, album);
    return album;
}

bool AlbumStore::forEachAlbum(const std::function<bool(const Album &)> &visit, QString *error)
{
    if (!status().ok()) {
        if (error)
            *error = status().message;
        return false;
    }
    constexpr int batchSize = 500;
    qint64 lastId = 0;
    for (;;) {
        QList<Album> batch;
        {
            m_readSlots.acquire();
            QSemaphoreReleaser releaseSlot(m_readSlots);
            QSqlDatabase db = connection();
            QSqlQuery select(db);
            select.setForwardOnly(true);
            select.prepare(QStringLiteral("SELECT %1 FROM albums WHERE id > ? ORDER BY id LIMIT %2")
                               .arg(QLatin1String(albumColumns))
                               .arg(batchSize));
            if (!execWith(select, {lastId})) {
                if (error)
                    *error = select.lastError().text();
                return false;
            }
            while (select.next())
                batch.append(albumFromRow(select));
            select.finish();
            for (Album &album : batch)
                loadDetails(db, album);
        }
        for (const Album &album : std::as_const(batch)) {
            if (!visit(album))
                return true;
        }
        if (batch.size() < batchSize)
            return true;
        lastId = batch.last().id;
    }
}

} // namespace aime
