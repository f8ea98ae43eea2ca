#pragma once

#include <QString>

namespace aime {

// What AIME remembers about the accounts that is not secret, in QSettings: the Spotify Client
// ID and who is connected, the Discogs user name, the MusicBrainz contact. Tokens and secrets
// are in CredentialStore, never here.
struct AccountSettings
{
    QString spotifyClientId;
    QString spotifyUser; // display name of the connected user; empty when none
    bool spotifyHasClientSecret = false; // whether the keychain holds one
    QString discogsUser;
    bool discogsHasToken = false;
    QString musicBrainzContact;

    static AccountSettings load();
    void save() const;
};

} // namespace aime
