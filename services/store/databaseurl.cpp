#include "store/databaseurl.h"

#include <QUrl>
#include <QUrlQuery>

namespace aime {

namespace {

// libpq's parameters that only choose how to connect; anything else in the query is refused so a
// typo does not silently connect without, say, TLS.
const QStringList passedThrough {
    QStringLiteral("connect_timeout"),  QStringLiteral("sslmode"),
    QStringLiteral("sslrootcert"),      QStringLiteral("sslcert"),
    QStringLiteral("sslkey"),           QStringLiteral("sslcrl"),
    QStringLiteral("application_name"), QStringLiteral("target_session_attrs"),
};

} // namespace

std::optional<StoreConfig> DatabaseUrl::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<StoreConfig> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        QString path = trimmed.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = QUrl(trimmed).toLocalFile();
        if (path.isEmpty())
            return fail(tr("The SQLite address names no file (sqlite:/path/to/aime.sqlite)."));
        StoreConfig config;
        config.databaseName = path;
        return config;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return fail(tr("\"%1\" is not a database address: %2").arg(trimmed, url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        return fail(tr("AIME knows postgresql:// and sqlite: addresses, not \"%1\".").arg(scheme));

    StoreConfig config;
    config.driver = QStringLiteral("QPSQL");
    config.hostName = url.host();
    config.port = url.port(0);
    config.userName = url.userName();
    config.password = url.password();
    config.databaseName = url.path().mid(1);
    QStringList options;
    bool timeoutGiven = false;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            config.hostName = value; // a socket folder, as libpq allows
        } else if (key == QLatin1String("port")) {
            config.port = value.toInt();
        } else if (key == QLatin1String("user")) {
            config.userName = value;
        } else if (key == QLatin1String("dbname")) {
            config.databaseName = value;
        } else if (key == QLatin1String("password")) {
            return fail(tr("Keep the password out of the address: AIME reads it from the system "
                           "keychain or from ~/.pgpass."));
        } else if (passedThrough.contains(key)) {
            if (value.contains(u';') || value.contains(u' '))
                return fail(tr("The value of %1 cannot hold a space or a semicolon.").arg(key));
            options.append(key + u'=' + value);
            timeoutGiven = timeoutGiven || key == QLatin1String("connect_timeout");
        } else {
            return fail(tr("AIME does not know the address parameter \"%1\".").arg(key));
        }
    }
    if (config.databaseName.isEmpty())
        return fail(tr("The address names no database (postgresql://host/aime)."));
    if (!timeoutGiven)
        options.append(QStringLiteral("connect_timeout=%1").arg(defaultConnectTimeoutSeconds));
    config.connectOptions = options.join(u';');
    return config;
}

QString DatabaseUrl::redacted(const StoreConfig &config)
{
    if (config.isSqlite())
        return QStringLiteral("sqlite:") + config.databaseName;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(config.userName);
    const bool socket = config.hostName.startsWith(u'/');
    if (!socket)
        url.setHost(config.hostName.isEmpty() ? QStringLiteral("localhost") : config.hostName);
    if (config.port > 0 && !socket)
        url.setPort(config.port);
    url.setPath(u'/' + config.databaseName);
    QUrlQuery query;
    if (socket)
        query.addQueryItem(QStringLiteral("host"), config.hostName);
    const QStringList options = config.connectOptions.split(u';', Qt::SkipEmptyParts);
    for (const QString &option : options)
        query.addQueryItem(option.section(u'=', 0, 0), option.section(u'=', 1));
    url.setQuery(query);
    return url.toString();
}

} // namespace aime
