#pragma once

#include "providers/providerconfig.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace aime {

// Preferences > Advanced: base URLs and limits per provider (and Search Online's waiting
// times, from Preferences > Search Online), kept in QSettings under the names
// of the environment variables that override them (AIME_DISCOGS_API_URL, AIME_DISCOGS_RATE ...),
// so ProviderConfig reads both the same way. The environment wins over Preferences.
class ProviderSettings
{
public:
    // Every variable Preferences > Advanced offers, in display order.
    static QStringList names();

    // The values set in Preferences; empty values are not kept.
    static QMap<QString, QString> load();
    static void save(const QMap<QString, QString> &values);

    // Puts Preferences' values into this process's environment where it has none of its own,
    // so every client's limits follow them, and returns the base URLs then in effect (a refused
    // URL is left at its default and described in *problem). Called once at start-up, before
    // any client exists; changes in Preferences take effect at the next start.
    static ProviderEndpoints configureProcess(QString *problem = nullptr);
    // Whether the variable came from the environment AIME was started with (configureProcess()
    // puts Preferences' values there too).
    static bool isFromEnvironment(const QString &name);
};

} // namespace aime
