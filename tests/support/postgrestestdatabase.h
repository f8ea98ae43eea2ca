#pragma once

#include <QString>
#include <QUrl>

#include <source_location>

namespace aime::testing {

// A PostgreSQL database of its own for one test, copied from aime_template (the unaccent and
// pg_trgm extensions already in it) on the server scripts/postgres-test-server runs, which the
// AIME_TEST_POSTGRES_* variables point at; the destructor drops it, closing connections still
// open to it. Each database has a new name, so tests running in parallel, and the leftovers of a
// run that crashed, never see each other's tables.
class PostgresTestDatabase
{
public:
    // Creates the database; isAvailable() says whether that worked, unavailableReason() why not.
    PostgresTestDatabase();
    ~PostgresTestDatabase();
    Q_DISABLE_COPY_MOVE(PostgresTestDatabase)

    // AIME_TEST_REQUIRE_POSTGRES=1, which scripts/test sets: a test that cannot have its database
    // fails rather than skips, so the suite cannot pass without the PostgreSQL tests having run.
    static bool required();

    bool isAvailable() const { return m_created; }
    QString unavailableReason() const { return m_unavailableReason; }
    // For the start of a test function, `if (!database.skipOrFailUnlessAvailable()) return;`:
    // without a database it records a skip, or a failure when required(), with the reason.
    bool skipOrFailUnlessAvailable(std::source_location where
                                   = std::source_location::current()) const;

    // postgresql://aime:PASSWORD@127.0.0.1:PORT/NAME: the application's role, which owns the
    // database. Empty when there is no database.
    QString url() const;
    // The same database as aime_reader, a role that may log in and nothing more until it is
    // granted something.
    QString readerUrl() const;

    // The parts of url().
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString name() const { return m_name; }

private:
    bool create();

    QUrl m_adminUrl;
    QUrl m_readerUrl;
    QString m_host;
    int m_port = 0;
    QString m_user;
    QString m_password;
    QString m_name;
    bool m_created = false;
    QString m_unavailableReason;
};

} // namespace aime::testing
