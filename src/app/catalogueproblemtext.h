#pragma once

#include <QString>

class Catalogue;

// What to tell a person (on stderr for now; the GUI will show its own translated words)
// when the catalogue could not be opened: what happened, that the app runs on without it,
// and that their file was left as it was.
namespace CatalogueProblemText {
QString sentence(const Catalogue &catalogue);
}
