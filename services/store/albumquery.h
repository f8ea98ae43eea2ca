#pragma once

#include "domain/album.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace aime {

enum class AlbumSort { Artist, Title, Year, DateAdded };

struct AlbumQuery
{
    QString filterText; // what the person typed; turned into a safe FTS expression by the store
    AlbumSort sort = AlbumSort::Artist;

    friend bool operator==(const AlbumQuery &, const AlbumQuery &) = default;
};

// Keyset position after the last row of a page: the sort columns and the id of that row.
// Pages are read with "after this key", never OFFSET, so page 500 costs what page 1 costs.
struct PageCursor
{
    QVariantList key;

    bool isStart() const { return key.isEmpty(); }
};

struct SummaryPage
{
    QList<AlbumSummary> rows;
    PageCursor next;
    bool atEnd = true;
    QString error;
};

} // namespace aime
