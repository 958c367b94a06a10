package io.athanor.samples; public final class UpdateMethods { public static void main(String[] a) { System.out.println("todo"); } }
