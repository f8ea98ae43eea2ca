#pragma once

#include "providers/parseresult.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace aime {

// Turns MusicBrainz web service v2 JSON (fmt=json) and Cover Art Archive index bodies
// (PROVIDERS.md section 3) into AIME's value types. Pure functions over the bytes: no networking,
// no state, safe on any thread.
//
// Strict by design, as SpotifyParser: the body must be a JSON object of the expected shape; a
// required field that is missing, null or of the wrong type fails the whole result with a message
// naming the field ("MusicBrainz release: missing \"title\""); optional fields that are absent or
// null give empty values, of the wrong type a failure; one broken item fails its whole page with
// its index in the message ("MusicBrainz release-group search: missing
// \"release-groups[2].id\""), so a caller can retry or report it rather than show a silently
// shorter page. Ids must be MBIDs (UUIDs) because they go into request paths and links.
//
// Every album gets exactly one SourceRef {provider "musicbrainz", externalId = the MBID, url = the
// musicbrainz.org page}; fetchedAt is left for the caller.
class MusicBrainzParser
{
public:
    MusicBrainzParser() = delete;

    // source.extra key of a release-group search result: the MBIDs of the group's releases,
    // official ones first.
    static constexpr QLatin1String releasesKey {"releases"};

    // GET /ws/2/release-group?query=...&fmt=json. total is "count", offset is "offset". next is
    // always empty: MusicBrainz sends no next link and only the caller knows the query, so it
    // pages on with offset + albums.size() < total. format is the group's primary type ("Album",
    // "Single", "EP", ...); tracks are not known at this level. The group's releases are in
    // source.extra[releasesKey].
    static ParseResult<AlbumListPage> releaseGroupSearch(const QByteArray &json);

    // GET /ws/2/release/{mbid}?inc=recordings+artist-credits+labels&fmt=json. Tracks come from
    // every medium (disc = the medium's position), format from the first medium (e.g. "CD"),
    // label and catalogue number from the first label-info entry. coverUrl stays empty: the cover
    // comes from the Cover Art Archive, whose base URL the caller owns.
    static ParseResult<Album> release(const QByteArray &json);

    // GET {coverartarchive}/release/{mbid}: the image marked front, at the thumbnail for size
    // (250, 500 or 1200), else the legacy "large"/"small" thumbnail nearest to it, else the full
    // image. Plain http URLs on non-loopback hosts are upgraded to https (the archive serves both,
    // and the app accepts plain http only for loopback). Fails when no image is marked front.
    static ParseResult<QUrl> coverArtFront(const QByteArray &json, int size);

    // A sentence for a MusicBrainz error body {"error": "...", "help": "..."} (the help text is
    // the same boilerplate link every time and is left out); empty when the body is not one.
    static QString errorMessage(const QByteArray &json);
};

} // namespace aime
