package dev.shopfront.products;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.shopfront.devkit.testing.FunctionArchitecture;

/** This function module's classes keep to STYLE.md's layer table (the rules: {@link FunctionArchitecture}). */
@AnalyzeClasses(packages = "dev.shopfront.products", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests function = ArchTests.in(FunctionArchitecture.class);
}
