#pragma once

#include "store/connectionregistry.h"
#include "store/schemamigrator.h"
#include "store/sqldialect.h"
#include "store/storeconfig.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSemaphore>
#include <QSemaphoreReleaser>

namespace aime {

// The handle every part of the store shares: one connection per thread, the dialect, whether the
// database opened, the lock that serialises this process's writers, and the slots that bound
// concurrent reads (StoreConfig::maxConcurrentReads).
class StoreDatabase
{
    Q_DECLARE_TR_FUNCTIONS(aime::AlbumStore)

public:
    explicit StoreDatabase(StoreConfig config);

    StoreDatabase(const StoreDatabase &) = delete;
    StoreDatabase &operator=(const StoreDatabase &) = delete;

    // Checks, opens and migrates the database. Never modifies a file it refuses.
    StoreStatus open();
    StoreStatus status() const;
    const StoreConfig &config() const { return m_connections.config(); }
    const SqlDialect &dialect() const { return m_dialect; }

    // The calling thread's connection.
    QSqlDatabase connection() { return m_connections.connection(); }
    QMutex &writeMutex() { return m_writeMutex; }
    // This store's name in the change notifications it sends other desktops (ChangeListener).
    const QString &changeToken() const { return m_changeToken; }
    // Holds one of the read slots until it goes out of scope.
    [[nodiscard]] QSemaphoreReleaser readSlot();

private:
    ConnectionRegistry m_connections;
    SqlDialect m_dialect;
    mutable QMutex m_statusMutex;
    StoreStatus m_status;
    QMutex m_writeMutex;
    QSemaphore m_readSlots;
    QString m_changeToken;
};

} // namespace aime
