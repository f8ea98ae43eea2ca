#pragma once

#include "store/storeconfig.h"

#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace aime {

// One QSqlDatabase connection per thread, never shared: each thread that touches the store gets
// its own connection, named after the registry and the thread, and removed when that thread ends.
class ConnectionRegistry
{
public:
    explicit ConnectionRegistry(StoreConfig config);
    ~ConnectionRegistry();

    ConnectionRegistry(const ConnectionRegistry &) = delete;
    ConnectionRegistry &operator=(const ConnectionRegistry &) = delete;

    // The calling thread's connection, opened on first use. Check isOpen() on the result.
    QSqlDatabase connection();
    // A connection named `name` with the store's settings, not yet opened, for code that needs
    // one outside the registry (a test taking a table away, a raw migration test).
    static QSqlDatabase addConnection(const StoreConfig &config, const QString &name);
    // Closes and removes the calling thread's connection, if any.
    void releaseThisThread();

    const StoreConfig &config() const { return m_config; }

private:
    QString connectionNameForThisThread() const;
    bool configure(QSqlDatabase &db);

    StoreConfig m_config;
    QString m_prefix;
    QObject m_threadGuard;
    QMutex m_mutex;
    QSet<QString> m_names;
};

} // namespace aime
