#include "catalogueproblemtext.h"

#include "catalogue.h"

#include <QDir>

namespace CatalogueProblemText {

QString sentence(const Catalogue &catalogue)
{
    const QString file = QDir::toNativeSeparators(catalogue.filePath());
    QString what;
    switch (catalogue.problem()) {
    case Catalogue::Problem::None:
        return {};
    case Catalogue::Problem::Corrupt:
        what = QStringLiteral("the file is damaged or is not a ComfyDesk catalogue. It was "
                              "left untouched; move it away (or restore a backup) to start "
                              "a new one");
        break;
    case Catalogue::Problem::Locked:
        what = QStringLiteral("another program holds it locked (another ComfyDesk, or a "
                              "database tool with an open transaction)");
        break;
    case Catalogue::Problem::ReadOnly:
        what = QStringLiteral("it cannot be written (read-only file or folder); choose "
                              "another place with --catalogue or COMFYDESK_CATALOGUE");
        break;
    case Catalogue::Problem::DiskFull:
        what = QStringLiteral("the disk is full");
        break;
    case Catalogue::Problem::NoFts5:
        what = QStringLiteral("this system's SQLite has no full-text search (FTS5); install "
                              "Debian's libsqlite3-0 package");
        break;
    case Catalogue::Problem::NewerSchema:
        what = QStringLiteral("it was written by a newer ComfyDesk; update this one");
        break;
    case Catalogue::Problem::NoDriver:
        what = QStringLiteral("Qt's SQLite driver is not installed (Debian package "
                              "libqt6sql6-sqlite)");
        break;
    case Catalogue::Problem::NotOpened:
    case Catalogue::Problem::Other:
        what = QStringLiteral("it could not be opened");
        break;
    }
    return QStringLiteral("ComfyDesk: the catalogue %1 is not available: %2. ComfyDesk runs "
                          "on without it: prompts are not recorded and /api/catalogue answers "
                          "503. (%3)")
        .arg(file, what, catalogue.problemDetail());
}

} // namespace CatalogueProblemText
