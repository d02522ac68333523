package org.wasmjar.hostcalls.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves guest paths against a directory descriptor without ever leaving it, like cap-std: component by component,
 * {@code ..} pops a component (popping past the directory is PERM), symlinks are read and spliced in by hand (an
 * absolute target is PERM, more than 40 is LOOP), absolute guest paths are PERM. The host path that results has no
 * symlink before its last component, so every host call afterwards uses NOFOLLOW_LINKS.
 */
final class Sandbox {
    private static final int MAX_SYMLINKS = 40;

    private Sandbox() {}

    /**
     * A resolved guest path. {@code name} is the last component as the guest wrote it (null when the path ends in
     * {@code .} or {@code ..} or names the directory itself); {@code trailingSlash} says the guest path ended in '/'.
     */
    record Resolved(Path host, String name, boolean trailingSlash) {
        /** The entry itself must be named (creating, removing, renaming or linking it); else INVAL. */
        Resolved named() {
            if (name == null) throw new WasiError(Errno.INVAL);
            return this;
        }
    }

    /** Resolves {@code path} under {@code base}; the last component is followed when it is a symlink and {@code follow}. */
    static Resolved resolve(Path base, String path, boolean follow) throws IOException {
        if (path.isEmpty()) throw new WasiError(Errno.NOENT);
        if (path.indexOf('\0') >= 0) throw new WasiError(Errno.INVAL);
        if (path.startsWith("/")) throw new WasiError(Errno.PERM);
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> stack = new ArrayList<>();
        String name = null;
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            boolean last = pending.isEmpty();
            if (c.equals(".")) {
                if (last) name = null;
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) throw new WasiError(Errno.PERM);
                stack.remove(stack.size() - 1);
                if (last) name = null;
                continue;
            }
            Path here = join(base, stack).resolve(c);
            BasicFileAttributes attrs = attributes(here);
            if (attrs != null && attrs.isSymbolicLink() && (!last || follow || trailingSlash)) {
                if (++links > MAX_SYMLINKS) throw new WasiError(Errno.LOOP);
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/")) throw new WasiError(Errno.PERM);
                if (target.isEmpty()) throw new WasiError(Errno.NOENT);
                List<String> parts = components(target);
                if (last && target.endsWith("/")) trailingSlash = true;
                for (int i = parts.size() - 1; i >= 0; i--) pending.addFirst(parts.get(i));
                if (parts.isEmpty() && last) name = null;
                continue;
            }
            if (!last) {
                if (attrs == null) throw new WasiError(Errno.NOENT);
                if (!attrs.isDirectory()) throw new WasiError(Errno.NOTDIR);
            }
            stack.add(c);
            if (last) name = c;
        }
        return new Resolved(join(base, stack), name, trailingSlash);
    }

    /** Attributes of {@code p} itself, or null when nothing is there. */
    static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    private static Path join(Path base, List<String> stack) {
        Path p = base;
        for (String s : stack) p = p.resolve(s);
        return p;
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) if (!s.isEmpty()) parts.add(s);
        return parts;
    }
}
