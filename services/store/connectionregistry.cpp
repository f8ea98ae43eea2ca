#include "store/connectionregistry.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcConnections, "aime.store.connections", QtInfoMsg)

namespace aime {

ConnectionRegistry::ConnectionRegistry(StoreConfig config)
    : m_config(std::move(config)),
      m_prefix(QStringLiteral("aime-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

ConnectionRegistry::~ConnectionRegistry()
{
    // Connections of threads that are still alive (the pool's idle threads) can only be dropped
    // here; their QSqlDatabase handles are not in use any more because the store is going away.
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_names)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString ConnectionRegistry::connectionNameForThisThread() const
{
    return m_prefix + u'-'
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
}

QSqlDatabase ConnectionRegistry::addConnection(const StoreConfig &config, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(config.driver, name);
    db.setDatabaseName(config.databaseName);
    if (!config.isSqlite()) {
        db.setHostName(config.hostName);
        if (config.port > 0)
            db.setPort(config.port);
        db.setUserName(config.userName);
        // Without one, libpq reads ~/.pgpass (or PGPASSFILE) itself.
        if (!config.password.isEmpty())
            db.setPassword(config.password);
        db.setConnectOptions(config.connectOptions);
    } else {
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(config.busyTimeoutMs));
    }
    return db;
}

QSqlDatabase ConnectionRegistry::connection()
{
    const QString name = connectionNameForThisThread();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase db = addConnection(m_config, name);
    {
        QMutexLocker lock(&m_mutex);
        m_names.insert(name);
    }
    QThread *thread = QThread::currentThread();
    {
        // Runs in the finishing thread itself, which is the only one allowed to drop it; the
        // guard object disconnects it when the registry goes first.
        QObject::connect(
            thread, &QThread::finished, &m_threadGuard,
            [this, name] {
                {
                    QSqlDatabase db = QSqlDatabase::database(name, false);
                    db.close();
                }
                QSqlDatabase::removeDatabase(name);
                QMutexLocker lock(&m_mutex);
                m_names.remove(name);
            },
            Qt::DirectConnection);
    }
    if (!db.open()) {
        qCWarning(lcConnections) << "cannot open" << m_config.databaseName << db.lastError().text();
        return db;
    }
    configure(db);
    return db;
}

namespace {

constexpr qint64 sqliteHeapLimitBytes = 48LL * 1024 * 1024;

} // namespace

bool ConnectionRegistry::configure(QSqlDatabase &db)
{
    if (!m_config.isSqlite())
        return true;
    // journal_mode=WAL is set once by the migrator (it writes the file header); these are per
    // connection and never write.
    QSqlQuery query(db);
    bool ok = query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    ok = query.exec(QStringLiteral("PRAGMA foreign_keys=ON")) && ok;
    ok = query.exec(QStringLiteral("PRAGMA temp_store=MEMORY")) && ok;
    // The default 2 MB page cache thrashes on the sort indexes of a large collection.
    ok = query.exec(QStringLiteral("PRAGMA cache_size=-32768")) && ok;
    // Every pool thread has its connection, and each cache fills as the grid scrolls through a
    // large collection; past this limit for the whole process SQLite reuses pages instead.
    ok = query.exec(QStringLiteral("PRAGMA soft_heap_limit=%1").arg(sqliteHeapLimitBytes)) && ok;
    return ok;
}

void ConnectionRegistry::releaseThisThread()
{
    const QString name = connectionNameForThisThread();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&m_mutex);
    m_names.remove(name);
}

} // namespace aime
