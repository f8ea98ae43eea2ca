#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace aime {

// Preferences > Advanced: base URLs and limits per provider, kept in QSettings under the names
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

    // `environment` with Preferences' values added where it has none.
    static QProcessEnvironment effective(const QProcessEnvironment &environment,
                                         const QMap<QString, QString> &preferences);
    // The same for this process: what the clients read. Called once at start-up; changes in
    // Preferences take effect at the next start.
    static void applyToProcess(const QMap<QString, QString> &preferences);
};

} // namespace aime
