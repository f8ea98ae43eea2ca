#pragma once

#include "domain/album.h"

#include <QList>

namespace aime {

class StoreDatabase;

// The albums' sources (album_sources): what a details phase walks through, and which stored
// album a search result already is.
class SourceStore
{
public:
    explicit SourceStore(StoreDatabase *database) : m_database(database) { }

    // The ids (as numbers) of the stored sources of `provider` above `after`, ascending: what a
    // details phase walks through, resumable from the last id it stored.
    QList<qint64> numericSourceIds(const QString &provider, qint64 after, int limit,
                                   QString *error = nullptr);
    // How many there are in all; -1 with *error on a database error.
    int countNumericSourceIds(const QString &provider, QString *error = nullptr);
    // For each candidate (a search result), the id of the stored album it is, or 0: a stored
    // source with one of its ids (a MusicBrainz release group also by the releases listed in
    // its source's extra), else the same barcode, else the same artist + title + year, as
    // AlbumWriter decides. Empty with *error on a database error.
    QList<qint64> collectionMatches(const QList<Album> &candidates, QString *error = nullptr);

private:
    StoreDatabase *m_database;
};

} // namespace aime
