#include "credentials/accountsettings.h"

#include <QSettings>

namespace aime {

AccountSettings AccountSettings::load()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("accounts"));
    AccountSettings accounts;
    accounts.spotifyClientId = settings.value(QStringLiteral("spotify/clientId")).toString();
    accounts.spotifyUser = settings.value(QStringLiteral("spotify/user")).toString();
    accounts.spotifyHasClientSecret
        = settings.value(QStringLiteral("spotify/hasClientSecret"), false).toBool();
    accounts.discogsUser = settings.value(QStringLiteral("discogs/user")).toString();
    accounts.discogsHasToken = settings.value(QStringLiteral("discogs/hasToken"), false).toBool();
    accounts.musicBrainzContact = settings.value(QStringLiteral("musicbrainz/contact")).toString();
    return accounts;
}

void AccountSettings::save() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("accounts"));
    settings.setValue(QStringLiteral("spotify/clientId"), spotifyClientId);
    settings.setValue(QStringLiteral("spotify/user"), spotifyUser);
    settings.setValue(QStringLiteral("spotify/hasClientSecret"), spotifyHasClientSecret);
    settings.setValue(QStringLiteral("discogs/user"), discogsUser);
    settings.setValue(QStringLiteral("discogs/hasToken"), discogsHasToken);
    settings.setValue(QStringLiteral("musicbrainz/contact"), musicBrainzContact);
}

} // namespace aime
