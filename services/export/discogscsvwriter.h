#pragma once

#include "domain/album.h"

#include <QString>
#include <QStringList>

namespace aime {

// Writes albums back in the Discogs collection CSV export format (PROVIDERS.md 2.9), so that
// DiscogsCsvReader reads back the same Album and SourceRef fields (File > Export's round trip).
class DiscogsCsvWriter
{
public:
    // The ten standard column names, then extraColumns; ends with "\n".
    static QString headerLine(const QStringList &extraColumns);
    // One record for album as owned through source; ends with "\n".
    static QString rowLine(const Album &album, const SourceRef &source,
                           const QStringList &extraColumns);
    // RFC 4180 quoting, applied only where a field needs it.
    static QString quoted(const QString &field);
};

} // namespace aime
