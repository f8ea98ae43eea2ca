#include "store/storedatabase.h"

#include "store/storelog.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>

namespace aime {

StoreDatabase::StoreDatabase(StoreConfig config)
    : m_connections(std::move(config)),
      m_dialect(SqlDialect::forConfig(m_connections.config())),
      m_status {StoreErrorKind::CannotOpen, tr("The store is not open yet.")},
      m_readSlots(qMax(1, m_connections.config().maxConcurrentReads)),
      m_changeToken(QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

StoreStatus StoreDatabase::status() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_status;
}

QSemaphoreReleaser StoreDatabase::readSlot()
{
    m_readSlots.acquire();
    return QSemaphoreReleaser(m_readSlots);
}

StoreStatus StoreDatabase::open()
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

} // namespace aime
