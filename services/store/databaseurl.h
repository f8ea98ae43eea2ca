#pragma once

#include "store/storeconfig.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace aime {

// A collection's address as a person writes it (--database, AIME_DATABASE_URL, Preferences):
// postgresql://user[:password]@host[:port]/database[?param=value&...], as libpq reads it; a
// `host=` parameter naming a folder reaches the server by its Unix socket. connect_timeout,
// sslmode, sslrootcert, sslcert, sslkey and application_name go to the driver as they are;
// "sqlite:FILE" names an SQLite file.
class DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(aime::DatabaseUrl)

public:
    // Without a connect_timeout the store waits this long for a server that does not answer.
    static constexpr int defaultConnectTimeoutSeconds = 5;

    // The store's settings, or nullopt with *error saying what is wrong with the text.
    static std::optional<StoreConfig> parse(const QString &text, QString *error = nullptr);
    // The address without its password, for the window, a log line or an error message.
    static QString redacted(const StoreConfig &config);
};

} // namespace aime
