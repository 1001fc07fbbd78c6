# Precompiled headers: the Qt and standard headers that nearly every file includes are parsed
# once per build instead of once per file. The test command builds the tree twice on CI's
# two cores, and parsing Qt's headers again in every file was a large part of that.
# COMFYDESK_PCH=OFF builds without them (e.g. to check that each file includes what it
# uses). Only Qt and standard headers go in: a project header there would rebuild
# everything whenever it changes.
#
# With GCC, all targets reuse one precompiled header (comfydesk_pch: QtCore, QtNetwork, JSON)
# and the targets with widgets a second one (comfydesk_pch_widgets): GCC uses a precompiled
# header when every macro defined while it was built is defined the same way (the project's
# definitions, QT_CORE_LIB, QT_NETWORK_LIB, QT_WIDGETS_LIB...) and no macro its headers look
# at differs; what a target adds on top (QT_SQL_LIB, QT_TESTLIB_LIB, QT_TESTCASE_BUILDDIR,
# COMFYDESK_TEST_DATA...) is not looked at by these headers. Qt Test's headers look at the
# QT_*_LIB macros and the test folder, so they stay out. Other compilers precompile per
# target. CMake adds -Winvalid-pch: a precompiled header GCC cannot use shows as a warning
# (and the build must stay free of warnings).

option(COMFYDESK_PCH "Precompile the Qt headers the targets share (faster builds)" ON)

set(COMFYDESK_PCH_HEADERS
    <algorithm> <functional> <memory> <optional> <utility>
    <QObject> <QString> <QStringList> <QByteArray> <QList> <QHash> <QSet> <QMap>
    <QVariant> <QPointer> <QTimer> <QElapsedTimer> <QDateTime> <QUrl> <QUrlQuery> <QUuid>
    <QDir> <QFile> <QFileInfo> <QSaveFile> <QTemporaryDir> <QLocale> <QMetaType>
    <QLoggingCategory> <QDebug> <QCoreApplication>
    <QJsonArray> <QJsonDocument> <QJsonObject> <QJsonValue> <QJsonParseError>
    <QHostAddress> <QTcpSocket> <QTcpServer>
    <QNetworkAccessManager> <QNetworkReply> <QNetworkRequest>)
set(COMFYDESK_PCH_WIDGETS_HEADERS ${COMFYDESK_PCH_HEADERS}
    <QApplication> <QWidget> <QMainWindow> <QDialog> <QLabel> <QLineEdit> <QPushButton>
    <QCheckBox> <QComboBox> <QSpinBox> <QPlainTextEdit> <QBoxLayout> <QFormLayout>
    <QGridLayout> <QAbstractItemModel> <QAbstractListModel> <QSortFilterProxyModel>
    <QTreeView> <QListView> <QTableView> <QHeaderView> <QStyledItemDelegate> <QMenu>
    <QMenuBar> <QToolBar> <QStatusBar> <QDockWidget> <QSplitter> <QTabWidget> <QMessageBox>
    <QFileDialog> <QAction> <QIcon> <QPixmap> <QImage> <QPainter> <QFutureWatcher>)

# _comfydesk_pch_target(<name> <headers variable> <Qt targets>...): the target that builds a
# shared precompiled header (an object library of one empty file).
function(_comfydesk_pch_target name headers)
    set(source ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
    if(NOT EXISTS ${source})
        file(WRITE ${source} "// Builds a precompiled header (cmake/ComfyDeskPch.cmake).\n")
    endif()
    add_library(${name} OBJECT ${source})
    set_target_properties(${name} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    target_link_libraries(${name} PRIVATE ${ARGN})
    target_precompile_headers(${name} PRIVATE ${${headers}})
endfunction()

if(COMFYDESK_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    _comfydesk_pch_target(comfydesk_pch COMFYDESK_PCH_HEADERS Qt6::Core Qt6::Network)
    _comfydesk_pch_target(comfydesk_pch_widgets COMFYDESK_PCH_WIDGETS_HEADERS
        Qt6::Core Qt6::Network Qt6::Widgets)
endif()

# comfydesk_precompile(<target> [WIDGETS]): <target>'s files use the precompiled Qt headers
# (with those of Qt Widgets for WIDGETS; <target> must link Qt Core and Network, and Qt
# Widgets for WIDGETS).
function(comfydesk_precompile target)
    if(NOT COMFYDESK_PCH)
        return()
    endif()
    cmake_parse_arguments(ARG "WIDGETS" "" "" ${ARGN})
    if(ARG_WIDGETS)
        set(pch comfydesk_pch_widgets)
        set(headers ${COMFYDESK_PCH_WIDGETS_HEADERS})
    else()
        set(pch comfydesk_pch)
        set(headers ${COMFYDESK_PCH_HEADERS})
    endif()
    if(TARGET ${pch})
        target_precompile_headers(${target} REUSE_FROM ${pch})
    else()
        target_precompile_headers(${target} PRIVATE ${headers})
    endif()
    # Without a header among its sources (a test whose .cpp includes its own tst_*.moc), the
    # mocs_compilation.cpp AUTOMOC adds is empty: loading the precompiled header there would
    # cost more than the file (1.7 s instead of 0.1 s in the sanitizer build).
    get_target_property(sources ${target} SOURCES)
    list(FILTER sources INCLUDE REGEX "\\.(h|hpp)$")
    if(NOT sources)
        get_target_property(binary_dir ${target} BINARY_DIR)
        set_source_files_properties(${binary_dir}/${target}_autogen/mocs_compilation.cpp
            TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
endfunction()
