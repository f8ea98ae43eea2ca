#include "store/albumstore.h"

namespace aime {

AlbumStore::AlbumStore(StoreConfig config, QObject *parent)
    : QObject(parent), m_database(std::move(config))
{
    qRegisterMetaType<QList<qint64>>();
}

AlbumStore::~AlbumStore() = default;

StoreStatus AlbumStore::open()
{
    const StoreStatus status = m_database.open();
    if (status.ok() && !m_database.dialect().isSqlite() && !m_changes) {
        m_changes = std::make_unique<ChangeListener>(&m_database);
        connect(m_changes.get(), &ChangeListener::albumsChanged, this, &AlbumStore::albumsChanged,
                Qt::DirectConnection);
        m_changes->start(); // without it this desktop still works, and says so in the log
    }
    return status;
}

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
