#include "store/albumstore.h"

namespace aime {

AlbumStore::AlbumStore(StoreConfig config, QObject *parent)
    : QObject(parent), m_database(std::move(config))
{
    qRegisterMetaType<QList<qint64>>();
}

AlbumStore::~AlbumStore() = default;

UpsertResult AlbumStore::upsertPage(const QList<Album> &albums)
{
    return announce(m_writer.write(albums, nullptr));
}

UpsertResult AlbumStore::upsertPage(const QList<Album> &albums, const JobCheckpoint &checkpoint)
{
    return announce(m_writer.write(albums, &checkpoint));
}

UpsertResult AlbumStore::announce(const UpsertResult &result)
{
    if (result.ok() && !result.albumIds.isEmpty())
        Q_EMIT albumsChanged(result.albumIds + result.removedIds);
    return result;
}

QString AlbumStore::saveDescriptions(const QList<AlbumDescription> &descriptions,
                                     const JobCheckpoint *checkpoint)
{
    QList<qint64> changed;
    const QString error = m_descriptions.save(descriptions, checkpoint, &changed);
    if (error.isEmpty() && !changed.isEmpty())
        Q_EMIT albumsChanged(changed);
    return error;
}

} // namespace aime
