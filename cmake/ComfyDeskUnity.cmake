# Unity build: CMake compiles each target's .cpp files in batches, one translation unit per
# batch, so that what the files share (Qt's templates instantiated again in every file, the
# precompiled header loaded again, the sanitizers' instrumentation of the same inline code)
# is compiled once per batch instead of once per file. The test command builds the tree
# twice on CI's two cores; see scripts/test.sh.
#
# Names local to a file (an anonymous namespace, static) must therefore differ between the
# files of one target: name them after what they are in that file (NodeInputsKey,
# queueBadRequest), not after the general idea (InputsKey, badRequest). A class of the
# project holding a file-local type (a member of an anonymous namespace's type) makes GCC
# warn (-Wsubobject-linkage) once its file is included in a batch. A file that cannot avoid
# either sets SKIP_UNITY_BUILD_INCLUSION and is compiled on its own (src/core and src/gui
# CMakeLists.txt). The test executables are one file each and are not batched
# (tests/CMakeLists.txt). COMFYDESK_UNITY=OFF builds file by file, e.g. to check that each
# file includes what it uses (with COMFYDESK_PCH=OFF).
#
# Batches of COMFYDESK_UNITY_BATCH files: big enough to share most of the work, small
# enough that each library still has several batches for make -j2 to compile side by side
# (a single big batch would leave one of CI's two cores idle).

option(COMFYDESK_UNITY "Compile each target's files in batches (a faster clean build)" ON)
set(COMFYDESK_UNITY_BATCH 8 CACHE STRING "Files per unity batch (COMFYDESK_UNITY)")

if(COMFYDESK_UNITY)
    set(CMAKE_UNITY_BUILD ON)
    set(CMAKE_UNITY_BUILD_BATCH_SIZE ${COMFYDESK_UNITY_BATCH})
endif()
