#include "providers/providersettings.h"

#include <QSettings>

namespace aime {

QStringList ProviderSettings::names()
{
    return {QStringLiteral("AIME_SPOTIFY_API_URL"),
            QStringLiteral("AIME_SPOTIFY_ACCOUNTS_URL"),
            QStringLiteral("AIME_DISCOGS_API_URL"),
            QStringLiteral("AIME_MUSICBRAINZ_API_URL"),
            QStringLiteral("AIME_COVERART_URL"),
            QStringLiteral("AIME_LLM_URL"),
            QStringLiteral("AIME_SPOTIFY_RATE"),
            QStringLiteral("AIME_SPOTIFY_MAX_IN_FLIGHT"),
            QStringLiteral("AIME_DISCOGS_RATE"),
            QStringLiteral("AIME_DISCOGS_MAX_IN_FLIGHT"),
            QStringLiteral("AIME_MUSICBRAINZ_RATE"),
            QStringLiteral("AIME_MUSICBRAINZ_MAX_IN_FLIGHT"),
            QStringLiteral("AIME_LLM_RATE"),
            QStringLiteral("AIME_LLM_MAX_IN_FLIGHT"),
            QStringLiteral("AIME_SEARCH_PROVIDER_TIMEOUT_MS"),
            QStringLiteral("AIME_SEARCH_LOCAL_TIMEOUT_MS"),
            QStringLiteral("AIME_SEARCH_TIMEOUT_MS")};
}

QMap<QString, QString> ProviderSettings::load()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("advanced"));
    QMap<QString, QString> values;
    for (const QString &name : names()) {
        const QString value = settings.value(name).toString().trimmed();
        if (!value.isEmpty())
            values.insert(name, value);
    }
    return values;
}

void ProviderSettings::save(const QMap<QString, QString> &values)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("advanced"));
    for (const QString &name : names()) {
        const QString value = values.value(name).trimmed();
        if (value.isEmpty())
            settings.remove(name);
        else
            settings.setValue(name, value);
    }
}

namespace {

// Names configureProcess() put into the environment from Preferences.
QStringList &fromPreferences()
{
    static QStringList names;
    return names;
}

} // namespace

bool ProviderSettings::isFromEnvironment(const QString &name)
{
    return qEnvironmentVariableIsSet(qPrintable(name)) && !fromPreferences().contains(name);
}

ProviderEndpoints ProviderSettings::configureProcess(QString *problem)
{
    const QMap<QString, QString> preferences = load();
    for (auto it = preferences.cbegin(); it != preferences.cend(); ++it) {
        if (!qEnvironmentVariableIsSet(qPrintable(it.key()))) {
            qputenv(qPrintable(it.key()), it.value().toUtf8());
            if (!fromPreferences().contains(it.key()))
                fromPreferences().append(it.key());
        }
    }
    return ProviderConfig::endpointsFromEnvironment(QProcessEnvironment::systemEnvironment(), {},
                                                    problem);
}

} // namespace aime
