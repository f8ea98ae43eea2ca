#include "postgrestestdatabase.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

namespace aime::testing {

namespace {

constexpr char adminUrlVariable[] = "AIME_TEST_POSTGRES_ADMIN_URL";
constexpr char appUrlVariable[] = "AIME_TEST_POSTGRES_URL";
constexpr char readerUrlVariable[] = "AIME_TEST_POSTGRES_READER_URL";

int nextNumber()
{
    static std::atomic<int> counter {0};
    return ++counter;
}

// A postgresql:// URL from the environment, or why there is none.
QUrl serverUrl(const char *variable, QString *problem)
{
    if (!qEnvironmentVariableIsSet(variable)) {
        *problem = QLatin1String(variable)
            + QStringLiteral(" is not set: scripts/test starts a PostgreSQL server and sets it; "
                             "by hand, scripts/postgres-test-server start DIR, then "
                             "set -a; . DIR/env; set +a");
        return {};
    }
    const QUrl url(qEnvironmentVariable(variable), QUrl::StrictMode);
    const bool postgres
        = url.scheme() == QLatin1String("postgresql") || url.scheme() == QLatin1String("postgres");
    if (!url.isValid() || !postgres || url.host().isEmpty() || url.userName().isEmpty()) {
        *problem = QLatin1String(variable)
            + QStringLiteral(" is not a postgresql://USER:PASSWORD@HOST:PORT/ URL: ")
            + url.toString(QUrl::RemovePassword);
        return {};
    }
    return url;
}

QUrl withDatabase(QUrl url, const QString &name)
{
    url.setPath(QLatin1Char('/') + name);
    return url;
}

// Runs one statement as the superuser in the server's maintenance database, on a connection of
// its own that is gone again when this returns: the statements here cannot run in a transaction
// nor in the database they create or drop. Empty when it worked, else the server's message.
QString runAsAdmin(const QUrl &admin, const QString &statement)
{
    const QString connectionName = QStringLiteral("aime-postgres-test-admin-%1-%2")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(nextNumber());
    QString error;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        database.setHostName(admin.host());
        database.setPort(admin.port(5432));
        database.setUserName(admin.userName());
        database.setPassword(admin.password());
        database.setDatabaseName(QStringLiteral("postgres"));
        // A server that is not there fails the test in seconds rather than at ctest's timeout.
        database.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!database.open()) {
            error = database.lastError().text();
        } else {
            QSqlQuery query(database);
            if (!query.exec(statement))
                error = query.lastError().text();
        }
    }
    // Only once no QSqlDatabase or QSqlQuery uses the connection any more.
    QSqlDatabase::removeDatabase(connectionName);
    return error;
}

// An identifier quoted the SQL way, a double quote in it doubled: CREATE and DROP DATABASE take no
// bound parameters, and the owner's name comes from the environment.
QString quotedName(QString name)
{
    return QLatin1Char('"') + name.replace(QLatin1Char('"'), QLatin1String("\"\""))
        + QLatin1Char('"');
}

} // namespace

PostgresTestDatabase::PostgresTestDatabase()
{
    m_created = create();
}

PostgresTestDatabase::~PostgresTestDatabase()
{
    if (!m_created)
        return;
    // FORCE ends the sessions the test left open; without it the drop would fail while the code
    // under test still holds a connection.
    const QString error = runAsAdmin(
        m_adminUrl,
        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(quotedName(m_name)));
    if (!error.isEmpty())
        qWarning("Could not drop the test database %s: %s", qPrintable(m_name), qPrintable(error));
}

bool PostgresTestDatabase::required()
{
    return qEnvironmentVariable("AIME_TEST_REQUIRE_POSTGRES") == QLatin1String("1");
}

bool PostgresTestDatabase::skipOrFailUnlessAvailable(std::source_location where) const
{
    if (m_created)
        return true;
    const QByteArray message
        = QStringLiteral("No PostgreSQL test database: %1%2")
              .arg(m_unavailableReason,
                   required() ? QStringLiteral(" (AIME_TEST_REQUIRE_POSTGRES=1)") : QString())
              .toUtf8();
    if (required())
        QTest::qFail(message.constData(), where.file_name(), int(where.line()));
    else
        QTest::qSkip(message.constData(), where.file_name(), int(where.line()));
    return false;
}

QString PostgresTestDatabase::url() const
{
    if (!m_created)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user);
    url.setPassword(m_password);
    url.setHost(m_host);
    url.setPort(m_port);
    return withDatabase(url, m_name).toString();
}

QString PostgresTestDatabase::readerUrl() const
{
    return m_created ? withDatabase(m_readerUrl, m_name).toString() : QString();
}

bool PostgresTestDatabase::create()
{
    QString problem;
    m_adminUrl = serverUrl(adminUrlVariable, &problem);
    const QUrl appUrl = m_adminUrl.isEmpty() ? QUrl() : serverUrl(appUrlVariable, &problem);
    m_readerUrl = appUrl.isEmpty() ? QUrl() : serverUrl(readerUrlVariable, &problem);
    if (m_readerUrl.isEmpty()) {
        m_unavailableReason = problem;
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_unavailableReason = QStringLiteral("Qt's QPSQL driver is missing (libqt6sql6-psql)");
        return false;
    }
    m_host = appUrl.host();
    m_port = appUrl.port(5432);
    m_user = appUrl.userName();
    m_password = appUrl.password();
    // The process, a count within it and a random part: unique among parallel tests, and after a
    // crashed run that left its databases behind.
    m_name = QStringLiteral("aime_t_%1_%2_%3")
                 .arg(QCoreApplication::applicationPid())
                 .arg(nextNumber())
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QString statement = QStringLiteral("CREATE DATABASE %1 TEMPLATE aime_template OWNER %2")
                                  .arg(quotedName(m_name), quotedName(m_user));
    const QString error = runAsAdmin(m_adminUrl, statement);
    if (!error.isEmpty()) {
        m_unavailableReason = QStringLiteral("creating %1 on %2:%3 failed: %4")
                                  .arg(m_name, m_adminUrl.host())
                                  .arg(m_adminUrl.port(5432))
                                  .arg(error);
        return false;
    }
    return true;
}

} // namespace aime::testing
