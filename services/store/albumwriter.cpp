#include "store/albumwriter.h"

#include "domain/albumidentity.h"
#include "store/albummerger.h"
#include "store/jobstore.h"
#include "store/scopedtransaction.h"
#include "store/sqlexec.h"
#include "store/storedatabase.h"
#include "store/storedvalues.h"
#include "store/storelog.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace aime {

namespace {

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

} // namespace

UpsertResult AlbumWriter::write(const QList<Album> &albums, const JobCheckpoint *checkpoint)
{
    UpsertResult result;
    if (albums.isEmpty() && !checkpoint)
        return result;
    const StoreStatus status = m_database->status();
    if (!status.ok()) {
        result.error = status.message;
        return result;
    }

    QMutexLocker writeLock(&m_database->writeMutex());
    QSqlDatabase db = m_database->connection();
    const SqlDialect &dialect = m_database->dialect();
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
        "WHERE CAST(? AS TEXT) IS NULL AND s.provider = ? AND s.external_id IS NULL AND "
        "a.match_key = ? "
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
            .arg(dialect.returningId()));
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
    const QString now = stored::time(QDateTime::currentDateTimeUtc());
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
        const QVariant externalId = firstSource ? stored::textOrNull(firstSource->externalId)
                                                : stored::textOrNull(QString());
        if (!execWith(findExisting,
                      {provider, externalId, externalId, provider, stored::textOrNull(matchKey),
                       stored::textOrNull(barcode), stored::textOrNull(matchKey)}))
            return fail(findExisting, album);
        if (findExisting.next()) {
            for (int column = 0; column < 4 && albumId == 0; ++column) {
                albumId = findExisting.value(column).toLongLong();
                if (albumId != 0)
                    outcome = column < 2 ? UpsertOutcome::Updated : UpsertOutcome::Merged;
            }
        }
        findExisting.finish();

        const QString genres = stored::genres(album.genres);
        const int trackCount = album.tracks.isEmpty() ? album.trackCount : album.tracks.size();
        if (outcome == UpsertOutcome::Inserted) {
            const QString added = stored::time(firstAddedAt(album));
            if (!execWith(
                    insertAlbum,
                    {album.title, album.artist, album.year, stored::textOrNull(album.releaseDate),
                     stored::textOrNull(album.label), stored::textOrNull(genres),
                     stored::textOrNull(barcode), stored::textOrNull(album.format), trackCount,
                     stored::textOrNull(album.coverUrl), added, now, stored::textOrNull(matchKey),
                     AlbumIdentity::normalisedArtist(album.artist),
                     stored::sortTitle(album.title)}))
                return fail(insertAlbum, album);
            albumId = dialect.insertedId(insertAlbum);
            if (albumId == 0)
                return fail(insertAlbum, album);
        } else if (outcome == UpsertOutcome::Updated) {
            if (!execWith(refreshAlbum,
                          {album.title, album.artist, album.year, album.year,
                           stored::textOrNull(album.releaseDate), stored::textOrNull(album.label),
                           stored::textOrNull(genres), stored::textOrNull(barcode),
                           stored::textOrNull(album.format), trackCount, trackCount,
                           stored::textOrNull(album.coverUrl), now,
                           AlbumIdentity::normalisedArtist(album.artist),
                           stored::sortTitle(album.title), albumId}))
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
            if (!execWith(refreshMatchKey, {stored::textOrNull(keptKey), albumId}))
                return fail(refreshMatchKey, album);
        } else {
            if (!execWith(fillAlbum,
                          {stored::textOrNull(album.releaseDate), stored::textOrNull(album.label),
                           stored::textOrNull(genres), stored::textOrNull(barcode),
                           stored::textOrNull(album.format), trackCount,
                           stored::textOrNull(album.coverUrl), now, albumId}))
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
                          {albumId, source.provider, stored::textOrNull(source.externalId),
                           stored::textOrNull(source.url), stored::textOrNull(source.format),
                           stored::textOrNull(AlbumIdentity::normalisedBarcode(source.barcode)),
                           stored::textOrNull(source.label),
                           stored::textOrNull(source.catalogNumber), source.rating,
                           stored::textOrNull(source.folder),
                           stored::textOrNull(stored::time(source.addedAt)),
                           source.fetchedAt.isValid() ? stored::time(source.fetchedAt) : now,
                           stored::textOrNull(extra)}))
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

    QString indexError = dialect.reindexAlbums(db, result.albumIds);
    if (indexError.isEmpty()) {
        indexError = dialect.notifyChanged(db, m_database->changeToken(),
                                           result.albumIds + result.removedIds);
    }
    if (!indexError.isEmpty()) {
        result = UpsertResult();
        result.error = tr("Cannot update the search index: %1").arg(indexError);
        qCWarning(lcStore).noquote() << result.error;
        return result;
    }

    if (checkpoint) {
        const QString error = JobStore::writeCheckpoint(db, *checkpoint);
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
    return result;
}

} // namespace aime
