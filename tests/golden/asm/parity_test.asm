steps:
      d0:  49 83 ee 01                    sub r14,1
      d4:  0f 82 97 00 00 00              jb 0x0000000000000171
      da:  49 3b 67 20                    cmp rsp,[r15+0x20]
      de:  0f 82 8d 00 00 00              jb 0x0000000000000171
      e4:  48 83 ff 01                    cmp rdi,1
      e8:  0f 85 7c 00 00 00              jne 0x000000000000016A
      ee:  b8 00 00 00 00                 mov eax,0
      f3:  eb 70                          jmp short 0x0000000000000165
      f5:  66 0f 1f 84 00 00 00 00 00     nop [rax+rax]
      fe:  66 90                          xchg ax,ax
     100:  48 89 f9                       mov rcx,rdi
     103:  49 ba 56 55 55 55 55 55 55 d5  mov r10,0xD555555555555556
     10d:  4c 29 d1                       sub rcx,r10
     110:  49 bb 55 55 55 55 55 55 55 55  mov r11,0x5555555555555555
     11a:  4c 39 d9                       cmp rcx,r11
     11d:  73 1f                          jae short 0x000000000000013E
     11f:  48 89 f9                       mov rcx,rdi
     122:  48 c1 f9 01                    sar rcx,1
     126:  48 8d 14 7f                    lea rdx,[rdi+rdi*2]
     12a:  48 8d 52 01                    lea rdx,[rdx+1]
     12e:  48 f7 c7 01 00 00 00           test rdi,1
     135:  48 89 d7                       mov rdi,rdx
     138:  48 0f 44 f9                    cmove rdi,rcx
     13c:  eb 1b                          jmp short 0x0000000000000159
     13e:  48 f7 c7 01 00 00 00           test rdi,1
     145:  75 06                          jne short 0x000000000000014D
     147:  48 c1 ff 01                    sar rdi,1
     14b:  eb 0c                          jmp short 0x0000000000000159
     14d:  48 6b ff 03                    imul rdi,3
     151:  70 2b                          jo short 0x000000000000017E
     153:  48 83 c7 01                    add rdi,1
     157:  70 25                          jo short 0x000000000000017E
     159:  48 83 c0 01                    add rax,1
     15d:  70 1f                          jo short 0x000000000000017E
     15f:  48 83 ff 01                    cmp rdi,1
     163:  75 9b                          jne short 0x0000000000000100
     165:  49 83 c6 01                    add r14,1
     169:  c3                             ret
     16a:  b8 00 00 00 00                 mov eax,0
     16f:  eb 8f                          jmp short 0x0000000000000100
     171:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     179:  e9 f5 fe ff ff                 jmp 0x0000000000000073
     17e:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     186:  e9 e8 fe ff ff                 jmp 0x0000000000000073

