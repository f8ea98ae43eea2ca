#pragma once

#include "domain/album.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace aime {

class StoreDatabase;

// Whole albums, with their sources and tracks.
class AlbumReader
{
public:
    explicit AlbumReader(StoreDatabase *database) : m_database(database) { }

    std::optional<Album> album(qint64 id);
    // Calls visit for every album, full details included, in id order and in batches; stops early
    // when visit returns false. Returns false on a database error.
    bool forEachAlbum(const std::function<bool(const Album &)> &visit, QString *error = nullptr);

private:
    void loadDetails(QSqlDatabase db, Album &album);

    StoreDatabase *m_database;
};

} // namespace aime
