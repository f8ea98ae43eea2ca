#pragma once

#include "domain/album.h"
#include "store/albumstore.h"

#include <QList>
#include <QTemporaryDir>

#include <memory>

namespace aime::testing {

// An album as a Discogs CSV row would give it.
Album discogsAlbum(const QString &artist, const QString &title, int year, const QString &releaseId,
                   const QString &barcode = {});
// n albums with distinct artists and titles, "Artist 0007 - Title 0007" style, one Discogs source
// each; words cycle through a small vocabulary so filters have something to find.
QList<Album> generatedAlbums(int count, int firstIndex = 0);

// A store in a fresh temporary folder, opened and migrated; the test fails if it does not open.
struct TemporaryStore
{
    QTemporaryDir dir;
    std::unique_ptr<AlbumStore> store;
};
std::unique_ptr<TemporaryStore> openTemporaryStore();

// The scale ctest runs the test at (QT_SCALE_FACTOR; 1 when unset): what a window's device pixel
// ratio should be.
qreal scaleFactor();

} // namespace aime::testing
