#pragma once

#include "store/albumquery.h"

#include <QString>

class QSqlQuery;

namespace aime {

class StoreDatabase;

// Pages of the grid's album summaries in the query's order and filter: keyset paging, a row's
// position, counts.
class SummaryReader
{
public:
    explicit SummaryReader(StoreDatabase *database) : m_database(database) { }

    // A page after a keyset position (cheap at any depth), or at a row offset (for a jump; the
    // store walks the sort index up to it).
    SummaryPage after(const AlbumQuery &query, const PageCursor &after, int limit);
    SummaryPage at(const AlbumQuery &query, int offset, int limit);
    // The album's row in the query's order (the number of matches sorted before it); -1 when
    // the album does not match the query or is gone, -2 on error.
    int rowOf(const AlbumQuery &query, qint64 albumId);
    // -1 on error.
    int count(const AlbumQuery &query);

    // The select list of a summary row (from the albums table), and the row it reads.
    static QString columns();
    static AlbumSummary fromRow(const QSqlQuery &row);

private:
    SummaryPage read(const AlbumQuery &query, const PageCursor &after, int offset, int limit);

    StoreDatabase *m_database;
};

} // namespace aime
