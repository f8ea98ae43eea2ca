#pragma once

#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace aime {

class AlbumStore;

enum class ExportFormat { Csv, Json };

struct ExportReport
{
    int albums = 0;
    int rows = 0; // CSV: one row per owned release, so an album with two releases gives two
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// Writes the whole collection to a file through QSaveFile: the target appears complete or not at
// all, so a full disk never leaves half an export where the old one was.
class CollectionExporter
{
public:
    static std::optional<ExportFormat> formatFromName(const QString &name);
    static ExportReport exportTo(AlbumStore *store, const QString &path, ExportFormat format,
                                 const std::function<void(int)> &progress = {});
    // The same, for a QIODevice such as stdout (no atomic replace).
    static ExportReport write(AlbumStore *store, QIODevice *device, ExportFormat format,
                              const std::function<void(int)> &progress = {});
};

} // namespace aime
